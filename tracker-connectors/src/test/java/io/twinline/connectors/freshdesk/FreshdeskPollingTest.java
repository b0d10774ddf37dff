package io.twinline.connectors.freshdesk;

import io.twinline.connectors.SimulatorFixture;
import io.twinline.core.model.Ticket;
import io.twinline.core.tracker.ChangePage;
import io.twinline.core.tracker.TicketUpdate;
import io.twinline.core.tracker.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Incremental polling: no change missed, none repeated — page boundaries, identical timestamps, changes mid-poll. */
class FreshdeskPollingTest extends SimulatorFixture {

    FreshdeskConnector connector() {
        return new FreshdeskConnector(FreshdeskConfig.builder(sim.baseUrl(), "demo-key").pageSize(2)
                .pollOverlap(Duration.ofSeconds(30)).clock(sim.clock()).sleeper(advancingSleeper).build());
    }

    String create(FreshdeskConnector fd, String subject) {
        Ticket t = new Ticket();
        t.setSummary(subject);
        return fd.create(t, null).getKey();
    }

    /** Drains the changes; "key@updated" per handed-out version. */
    List<String> drain(FreshdeskConnector fd, Watermark[] wm, Runnable betweenBatches) {
        List<String> out = new ArrayList<>();
        for (int guard = 0; guard < 100; guard++) {
            ChangePage page = fd.changedSince(wm[0]);
            page.tickets().forEach(t -> out.add(t.getKey() + "@" + t.getUpdated()));
            wm[0] = page.watermark();
            if (!page.hasMore()) {
                return out;
            }
            betweenBatches.run();
        }
        throw new AssertionError("polling did not finish");
    }

    @Test
    void pageBoundariesAndIdenticalTimestampsNeitherMissNorRepeat() {
        try (FreshdeskConnector fd = connector()) {
            Instant start = sim.clock().instant();
            List<String> keys = new ArrayList<>();
            // seven tickets in the same second: ties across three page boundaries
            for (int i = 0; i < 7; i++) {
                keys.add(create(fd, "same second " + i));
            }
            sim.clock().advance(Duration.ofSeconds(1));
            keys.add(create(fd, "next second"));
            Watermark[] wm = {Watermark.from(start)};
            List<String> first = drain(fd, wm, () -> { });
            assertThat(first).hasSize(8).doesNotHaveDuplicates();
            assertThat(first).extracting(s -> s.substring(0, s.indexOf('@'))).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(wm[0].cursor()).isEqualTo(start.plusSeconds(1));

            // nothing changed: nothing handed out again (the overlap window is re-read and de-duplicated)
            assertThat(drain(fd, wm, () -> { })).isEmpty();

            // a change in the same second as the watermark is still seen
            fd.update(keys.get(3), new TicketUpdate().summary("changed at the watermark second"));
            assertThat(drain(fd, wm, () -> { })).containsExactly(keys.get(3) + "@" + start.plusSeconds(1));
        }
    }

    @Test
    void changesDuringAPollAreNotLostWhenOthersShiftAcrossPages() {
        try (FreshdeskConnector fd = connector()) {
            Instant start = sim.clock().instant();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                keys.add(create(fd, "t" + i));
                sim.clock().advance(Duration.ofSeconds(1));
            }
            Watermark[] wm = {Watermark.from(start)};
            List<String> seenKeys = new ArrayList<>();
            int[] batch = {0};
            List<String> got = drain(fd, wm, () -> {
                // After the first batch (t0, t1): t0 changes and moves to the end of the updated_at order. With offset
                // paging t2 would slide onto page 1 and be skipped.
                if (batch[0]++ == 0) {
                    fd.update(keys.get(0), new TicketUpdate().summary("t0 changed mid-poll"));
                    sim.clock().advance(Duration.ofSeconds(1));
                    fd.update(keys.get(4), new TicketUpdate().summary("t4 changed before it was read"));
                }
            });
            got.forEach(s -> seenKeys.add(s.substring(0, s.indexOf('@'))));
            assertThat(got).doesNotHaveDuplicates();
            assertThat(seenKeys).containsAll(keys);
            // t0 twice (two versions), t4 once (read only after its change), the rest once
            assertThat(seenKeys.stream().filter(keys.get(0)::equals).count()).isEqualTo(2);
            assertThat(seenKeys.stream().filter(keys.get(4)::equals).count()).isEqualTo(1);
            assertThat(got).hasSize(7);
        }
    }

    @Test
    void oldTicketsUpdatedLaterAreFoundDespiteTheThirtyDayDefault() {
        try (FreshdeskConnector fd = connector()) {
            Instant start = sim.clock().instant();
            String key = create(fd, "old");
            sim.freshdesk().setCreatedAt(Long.parseLong(key), start.minus(Duration.ofDays(90)));
            Watermark[] wm = {Watermark.from(start.minusSeconds(10))};
            assertThat(drain(fd, wm, () -> { })).anyMatch(s -> s.startsWith(key + "@"));
            // and the listing asked with updated_since (only then does Freshdesk drop its 30-day window)
            assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets")).isPositive();
        }
    }

    @Test
    void watermarksComeFromTrackerTimeAndSurviveStorage() {
        try (FreshdeskConnector fd = connector()) {
            Instant start = sim.clock().instant();
            create(fd, "a");
            sim.clock().advance(Duration.ofMinutes(3));
            String b = create(fd, "b");
            Watermark[] wm = {Watermark.from(start)};
            drain(fd, wm, () -> { });
            // the cursor is the tracker's updated_at of the latest change, whatever the local clock says
            assertThat(wm[0].cursor()).isEqualTo(fd.get(b).getUpdated());
            Watermark restored = Watermark.decode(wm[0].encode());
            assertThat(restored).isEqualTo(wm[0]);
            assertThat(fd.changedSince(restored).tickets()).isEmpty();
        }
    }
}
