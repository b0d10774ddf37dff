package io.twinline.core.tracker;

import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.Ticket;

import java.util.List;
import java.util.Optional;

/**
 * One tracker instance as the sync agent uses it. Implementations talk to the real service over HTTP,
 * pace themselves to its rate budget, retry what can be retried, and throw {@link TrackerException} with a
 * clear message when a call fails for good. Thread-safe.
 *
 * <p>Keys: the Freshdesk ticket id, the Jira issue key.
 */
public interface TrackerConnector extends AutoCloseable {

    /** {@code freshdesk} or {@code jira}. */
    String trackerType();

    /**
     * The next batch of tickets changed at or after the watermark, oldest first. Call again with the returned
     * watermark while {@link ChangePage#hasMore()}. Never hands out the same ticket version twice for the same
     * chain of watermarks, and misses none (page boundaries, identical timestamps, changes during a poll).
     */
    ChangePage changedSince(Watermark watermark);

    /** One ticket with its comments and attachments (metadata). */
    Ticket get(String key);

    /** Like {@link #get} but empty when the ticket does not exist (or is deleted). */
    Optional<Ticket> find(String key);

    /**
     * Creates a ticket from what the ticket says (summary, description, status, priority, type, labels,
     * assignee, reporter, custom fields, attributes; Jira also needs {@code projectKey}). With a marker, the
     * marker is written in the same call, and a create whose outcome is unknown (timeout, 5xx) is resolved by
     * looking for the marker before trying again. Returns the created ticket as the tracker now has it.
     */
    Ticket create(Ticket ticket, TwinMarker marker);

    /** Changes fields and/or status; returns the ticket as the tracker now has it. */
    Ticket update(String key, TicketUpdate update);

    /** Adds a comment; {@link Comment#isInternal()} makes it a private note / restricted comment. */
    Comment addComment(String key, Comment comment);

    Comment editComment(String key, Comment comment);

    void deleteComment(String key, String commentId);

    /** Uploads one file; returns its metadata as the tracker stored it. */
    Attachment addAttachment(String key, String filename, String mimeType, byte[] content);

    /** The bytes of an attachment of the ticket. */
    byte[] downloadAttachment(String key, Attachment attachment);

    void deleteAttachment(String key, String attachmentId);

    /** Statuses, priorities, types and users, cached. */
    TrackerCatalogue catalogue();

    /** The tracker's fields (standard and custom). */
    List<FieldInfo> fields();

    /**
     * Tickets matching a trigger written in the tracker's own language: a Freshdesk filter query
     * ({@code priority:>3 AND tag:'vip'}, with or without the surrounding double quotes) or JQL. Without
     * comments and attachments. Freshdesk search caps at 300 hits and lags the live data by minutes.
     */
    List<Ticket> search(String query);

    /** The ticket that carries this twin marker, if any. */
    Optional<Ticket> findByTwinMarker(TwinMarker marker);

    @Override
    void close();
}
