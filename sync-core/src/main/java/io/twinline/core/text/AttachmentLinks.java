package io.twinline.core.text;

import io.twinline.core.model.Attachment;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which image sources and link targets in HTML name one of the ticket's attachments. In the replica an attachment
 * referenced from the text is written {@code cid:<filename>} (as in e-mail); in Jira markup it is {@code !filename!}
 * or {@code [^filename]}. Freshdesk's own attachment URLs are pre-signed and expire, so they are never sent on.
 */
public final class AttachmentLinks {
    /** Knows no attachments: only {@code cid:} references are taken for attachments. */
    public static final AttachmentLinks NONE = new AttachmentLinks(List.of());

    private final List<Attachment> attachments;

    private AttachmentLinks(List<Attachment> attachments) {
        this.attachments = attachments;
    }

    public static AttachmentLinks of(Collection<Attachment> attachments) {
        return attachments == null || attachments.isEmpty() ? NONE : new AttachmentLinks(List.copyOf(attachments));
    }

    /** The attachment's file name when {@code src} refers to one of the ticket's attachments (or is a {@code cid:}), else null. */
    public String filenameOf(String src) {
        if (src == null || src.isBlank()) {
            return null;
        }
        String s = src.strip();
        if (s.regionMatches(true, 0, "cid:", 0, 4)) {
            String name = s.substring(4);
            int at = name.indexOf('@'); // Outlook: cid:image001.png@01DA2B3C.4D5E6F70
            return (at > 0 ? name.substring(0, at) : name).strip();
        }
        String noQuery = s.replaceFirst("[?#].*$", "");
        for (Attachment a : attachments) {
            Object url = a.getAttributes().get("url");
            if (url instanceof String u && !u.isBlank() && u.replaceFirst("[?#].*$", "").equals(noQuery)) {
                return a.getFilename();
            }
            if (a.getId() != null && a.getFilename() != null) {
                String tail = "/" + a.getId() + "/" + a.getFilename();
                String decoded = URLDecoder.decode(noQuery.replace("+", "%2B"), StandardCharsets.UTF_8);
                if (decoded.endsWith(tail) || noQuery.toLowerCase(Locale.ROOT).endsWith("/attachments/" + a.getId())) {
                    return a.getFilename();
                }
            }
        }
        return null;
    }

    /** The neutral reference for an attachment named {@code filename}. */
    public static String reference(String filename) {
        return "cid:" + filename;
    }
}
