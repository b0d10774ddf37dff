package io.twinline.core.rules;

import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.tracker.TrackerCatalogue;

import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.CustomField;
import io.twinline.core.text.AttachmentLinks;
import io.twinline.core.text.TextConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code nodeHelper} in sync rules: looks values up in the local tracker's {@link TrackerCatalogue}. An unknown
 * status gives a Status whose id and name are null (so {@code entity.status = nodeHelper.getStatus(x)} is visibly
 * empty); an unknown priority, type, label or user gives null.
 */
public final class NodeHelper {
    private final TrackerCatalogue catalogue;
    private final boolean jira;
    private final TextConverter text;

    public NodeHelper(TrackerCatalogue catalogue) {
        this(catalogue, null, null);
    }

    /**
     * {@code entity} and {@code replica}: the run's tickets, whose attachments texts may refer to (either may be
     * null). Mentions ({@code [~user]}) read as the user's display name when the catalogue knows the user.
     */
    public NodeHelper(TrackerCatalogue catalogue, Ticket entity, Ticket replica) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.jira = "jira".equalsIgnoreCase(catalogue.trackerType());
        List<Attachment> attachments = new ArrayList<>();
        if (entity != null) {
            attachments.addAll(entity.getAttachments());
        }
        if (replica != null) {
            attachments.addAll(replica.getAttachments());
        }
        this.text = new TextConverter(AttachmentLinks.of(attachments), username -> catalogue.userByUsername(username)
                .map(User::describe).orElse(username));
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

    /** Plain text of an HTML fragment (parsed with jsoup): tags dropped, line breaks kept, entities decoded. */
    public String stripHtml(String html) {
        return text.htmlToText(html);
    }

    /**
     * Exalate's name: HTML (a Freshdesk description or note, an e-mail) as Jira wiki markup. Unsafe markup is
     * dropped; an image or link to one of the ticket's attachments becomes {@code !file!} / {@code [^file]}.
     */
    public String toMarkDownFromHtml(String html) {
        return text.htmlToWiki(html);
    }

    /** Jira wiki markup as (safe) HTML. */
    public String toHtmlFromWiki(String wiki) {
        return text.wikiToHtml(wiki);
    }

    /**
     * Exalate's name: a field of {@code target} (a ticket, replica or comment) as HTML. On a Jira side the field's
     * wiki markup is converted; elsewhere the field is taken as HTML and sanitised. {@code field}: a ticket
     * property ({@code "description"}, {@code "summary"}), a custom field name, a raw attribute, or a comment's
     * {@code "body"}.
     */
    public String getHtmlField(Object target, String field) {
        Object value = fieldValue(target, field);
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return jira ? text.wikiToHtml(s) : text.sanitizeHtml(s);
    }

    /** Only the allowed markup of {@code html} (no scripts, handlers, frames, javascript: links). */
    public String sanitizeHtml(String html) {
        return text.sanitizeHtml(html);
    }

    /** Plain text as escaped HTML paragraphs. */
    public String textToHtml(String plain) {
        return text.textToHtml(plain);
    }

    /** True when two HTML texts read the same (so taking one for the other would change nothing a user sees). */
    public boolean sameHtml(String a, String b) {
        return text.sameHtml(a, b);
    }

    private static Object fieldValue(Object target, String field) {
        if (target == null || field == null) {
            return null;
        }
        if (target instanceof Comment c) {
            if (!field.equals("body")) {
                throw new RulesException("getHtmlField: a comment has only the field 'body', not '" + field + "'");
            }
            return c.getBody();
        }
        if (target instanceof Ticket t) {
            CustomField custom = t.getCustomFields().containsKey(field) ? t.getCustomFields().get(field) : null;
            if (custom != null) {
                return custom.getValue();
            }
            return t.getProperty(field);
        }
        throw new RulesException("getHtmlField: expected a ticket, replica or comment, got " + target.getClass().getSimpleName());
    }
}
