package io.twinline.core.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.util.regex.Pattern;

/**
 * Allow-list sanitising of HTML that comes from a tracker: only formatting elements survive (no scripts, styles,
 * event handlers, frames, forms); links only to http, https, mailto, ftp and {@code cid:}; images only from http,
 * https and {@code cid:}. Classes are kept only where they carry meaning here (a code block's language, a mention).
 */
final class HtmlSanitizer {
    private static final Pattern KEPT_CLASS = Pattern.compile("(?:language|lang)-[A-Za-z0-9+#_-]+|mention");

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("s", "del", "ins", "strike", "hr", "kbd", "tt", "samp", "font", "center", "mark", "abbr")
            .addAttributes("code", "class")
            .addAttributes("pre", "class")
            .addAttributes("span", "class")
            .addAttributes("a", "class")
            .addProtocols("a", "href", "cid")
            .addProtocols("img", "src", "cid");

    private HtmlSanitizer() {
    }

    /** A clean document holding only allowed markup; {@code links} rewrites attachment URLs to {@code cid:} references. */
    static Document clean(String html, AttachmentLinks links) {
        Document dirty = Jsoup.parse(html == null ? "" : html);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        for (Element e : clean.body().select("[class]")) {
            StringBuilder kept = new StringBuilder();
            for (String c : e.classNames()) {
                if (KEPT_CLASS.matcher(c).matches()) {
                    kept.append(kept.length() == 0 ? "" : " ").append(c);
                }
            }
            if (kept.length() == 0) {
                e.removeAttr("class");
            } else {
                e.attr("class", kept.toString());
            }
        }
        for (Element img : clean.body().select("img[src]")) {
            String name = links.filenameOf(img.attr("src"));
            if (name != null && !img.attr("src").startsWith("cid:")) {
                img.attr("src", AttachmentLinks.reference(name));
            }
        }
        for (Element a : clean.body().select("a[href]")) {
            String name = links.filenameOf(a.attr("href"));
            if (name != null && !a.attr("href").startsWith("cid:")) {
                a.attr("href", AttachmentLinks.reference(name));
            }
        }
        return clean;
    }
}
