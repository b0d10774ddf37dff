package io.twinline.core.rules;

import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.tracker.TrackerCatalogue;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nodeHelper} in sync rules: looks values up in the local tracker's {@link TrackerCatalogue}. An unknown
 * status gives a Status whose id and name are null (so {@code entity.status = nodeHelper.getStatus(x)} is visibly
 * empty); an unknown priority, type, label or user gives null.
 */
public final class NodeHelper {
    private static final Pattern BLOCK_END = Pattern.compile("(?i)<\\s*(br\\s*/?|/p|/div|/li|/h[1-6]|/tr)\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

    private final TrackerCatalogue catalogue;

    public NodeHelper(TrackerCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    public Status getStatus(String name) {
        return catalogue.status(name).map(Status::copy).orElseGet(Status::new);
    }

    public Priority getPriority(String name) {
        return catalogue.priority(name).map(Priority::copy).orElse(null);
    }

    /** Exalate's form; the ticket does not change the answer (priorities are per tracker here). */
    public Priority getPriority(String name, Ticket entity) {
        return getPriority(name);
    }

    public IssueType getIssueType(String name) {
        return catalogue.issueType(name).map(IssueType::copy).orElse(null);
    }

    public Label getLabel(String name) {
        return catalogue.label(name).orElse(null);
    }

    public User getUserByEmail(String email) {
        return email == null ? null : catalogue.userByEmail(email).map(User::copy).orElse(null);
    }

    public User getUserById(String id) {
        return id == null ? null : catalogue.userById(id).map(User::copy).orElse(null);
    }

    public User getUserByUsername(String username) {
        return username == null ? null : catalogue.userByUsername(username).map(User::copy).orElse(null);
    }

    /** Plain text of an HTML fragment: tags dropped, line breaks kept, common entities decoded. */
    public String stripHtml(String html) {
        if (html == null) {
            return null;
        }
        String text = BLOCK_END.matcher(html).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'");
        Matcher m = NUMERIC_ENTITY.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            m.appendReplacement(sb, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        m.appendTail(sb);
        text = sb.toString().replace("&amp;", "&");
        return text.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }
}
