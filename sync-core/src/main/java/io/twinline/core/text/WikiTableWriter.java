package io.twinline.core.text;

import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;

/** An HTML table as Jira rows: {@code ||heading||heading||} and {@code |cell|cell|}; line breaks in a cell as {@code \\}. */
final class WikiTableWriter {
    private final HtmlToWiki blocks;
    private final WikiInlineWriter inline;

    WikiTableWriter(HtmlToWiki blocks, WikiInlineWriter inline) {
        this.blocks = blocks;
        this.inline = inline;
    }

    String table(Element table) {
        List<String> rows = new ArrayList<>();
        for (Element tr : table.select("tr")) {
            if (tr.closest("table") != table) {
                continue; // a row of a nested table: its text is in that table's cell
            }
            StringBuilder row = new StringBuilder();
            boolean lastHeading = false;
            for (Element cell : tr.children()) {
                boolean heading = cell.normalName().equals("th");
                if (!heading && !cell.normalName().equals("td")) {
                    continue;
                }
                row.append(heading ? "||" : "|").append(cell(cell));
                lastHeading = heading;
            }
            if (!row.isEmpty()) {
                rows.add(row.append(lastHeading ? "||" : "|").toString());
            }
        }
        return String.join("\n", rows);
    }

    private String cell(Element cell) {
        List<String> lines = new ArrayList<>();
        for (Element nested : cell.select("table")) {
            if (nested != cell) {
                nested.remove(); // Jira has no nested tables: keep the text in this cell
                cell.appendText(" " + nested.text());
            }
        }
        boolean onlyInline = cell.children().stream().noneMatch(HtmlToWiki::isBlock);
        String text = onlyInline ? inline.children(cell) : String.join("\n", blocks.blocks(cell, true));
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                lines.add(WikiEscaper.tidy(l));
            }
        }
        return lines.isEmpty() ? " " : WikiEscaper.beforeDelimiter(String.join(" \\\\ ", lines));
    }
}
