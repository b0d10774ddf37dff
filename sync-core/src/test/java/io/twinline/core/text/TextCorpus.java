package io.twinline.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the corpus files under {@code text-corpus/}: cases start with {@code === name}, sections with
 * {@code --- html}, {@code --- wiki} or {@code --- sanitized}; the first section is the input, the others the
 * expected output. Lines starting with {@code #} before the first case are comments.
 */
record TextCorpus(String file, String name, String inputKind, Map<String, String> sections) {
    static final List<String> FILES = List.of("freshdesk-editor.txt", "outlook.txt", "gmail.txt", "jira-comments.txt",
            "unsafe.txt", "attachments.txt");

    String input() {
        return sections.get(inputKind);
    }

    @Override
    public String toString() {
        return file + ": " + name;
    }

    static List<TextCorpus> all() {
        List<TextCorpus> cases = new ArrayList<>();
        for (String f : FILES) {
            cases.addAll(read(f));
        }
        return cases;
    }

    static List<TextCorpus> read(String file) {
        String text;
        try (InputStream in = TextCorpus.class.getResourceAsStream("/text-corpus/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TextCorpus> cases = new ArrayList<>();
        String name = null;
        String section = null;
        String first = null;
        Map<String, String> sections = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        for (String line : (text + "\n=== end").split("\n", -1)) {
            if (line.startsWith("=== ") || line.startsWith("--- ")) {
                if (section != null) {
                    sections.put(section, body.toString().replaceAll("\\n+\\z", ""));
                }
                body.setLength(0);
                if (line.startsWith("=== ")) {
                    if (name != null) {
                        cases.add(new TextCorpus(file, name, first, sections));
                    }
                    name = line.substring(4).strip();
                    sections = new LinkedHashMap<>();
                    section = null;
                    first = null;
                } else {
                    section = line.substring(4).strip();
                    first = first == null ? section : first;
                }
            } else if (section != null) {
                body.append(body.isEmpty() ? "" : "\n").append(line);
            }
        }
        return cases;
    }
}
