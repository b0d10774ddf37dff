package io.twinline.core.tracker;

import io.twinline.core.model.Ticket;

import java.util.List;

/**
 * One batch of changed tickets from {@link TrackerConnector#changedSince(Watermark)}: each changed ticket
 * at most once per change, in the tracker's update order; tickets carry their fields but not comments or
 * attachments (read those with {@link TrackerConnector#get(String)}).
 *
 * @param tickets   the changes in this batch (possibly empty)
 * @param watermark where the next call continues; persist it once the batch has been handled
 * @param hasMore   true when the tracker holds more changes right now: call again with {@code watermark}
 */
public record ChangePage(List<Ticket> tickets, Watermark watermark, boolean hasMore) {
    public ChangePage {
        tickets = List.copyOf(tickets);
    }
}
