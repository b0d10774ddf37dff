package io.twinline.connectors.jira;

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

/** JQL polling at minute precision: no change missed, none repeated. */
class JiraPollingTest extends SimulatorFixture {

    JiraConnector connector() {
        return new JiraConnector(JiraConfig.basic(sim.baseUrl(), "admin", "admin").pollScope("project = TEST")
                .defaultProject("TEST").pageSize(2).clock(sim.clock()).sleeper(advancingSleeper).build());
    }

    String create(JiraConnector jira, String summary) {
        Ticket t = new Ticket();
        t.setSummary(summary);
        return jira.create(t, null).getKey();
    }

    List<String> drain(JiraConnector jira, Watermark[] wm, Runnable betweenBatches) {
        List<String> out = new ArrayList<>();
        for (int guard = 0; guard < 100; guard++) {
            ChangePage page = jira.changedSince(wm[0]);
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
    void minutePrecisionIdenticalTimestampsAndPageBoundaries() {
        try (JiraConnector jira = connector()) {
            Instant start = sim.clock().instant(); // 12:00:00
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                keys.add(create(jira, "same instant " + i)); // identical updated timestamps
            }
            sim.clock().advance(Duration.ofSeconds(42));
            keys.add(create(jira, "later in the same minute"));
            Watermark[] wm = {Watermark.from(start)};
            List<String> first = drain(jira, wm, () -> { });
            assertThat(first).hasSize(6).doesNotHaveDuplicates();
            assertThat(first).extracting(s -> s.substring(0, s.indexOf('@'))).containsExactlyInAnyOrderElementsOf(keys);

            // the seeded issues (days old) are outside the window and were not handed out
            assertThat(first).noneMatch(s -> s.startsWith("TEST-1@") || s.startsWith("TEST-2@"));
            assertThat(drain(jira, wm, () -> { })).isEmpty();

            // a change seconds after the cursor, within the same minute JQL cannot tell apart
            sim.clock().advance(Duration.ofSeconds(5));
            jira.update(keys.get(2), new TicketUpdate().summary("changed"));
            assertThat(drain(jira, wm, () -> { })).containsExactly(keys.get(2) + "@" + sim.clock().instant());
            assertThat(drain(jira, wm, () -> { })).isEmpty();
        }
    }

    @Test
    void changesDuringAPollAreNotLost() {
        try (JiraConnector jira = connector()) {
            Instant start = sim.clock().instant();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                keys.add(create(jira, "t" + i));
                sim.clock().advance(Duration.ofMinutes(2));
            }
            Watermark[] wm = {Watermark.from(start)};
            int[] batch = {0};
            List<String> got = drain(jira, wm, () -> {
                if (batch[0]++ == 0) {
                    // the first issue moves to the end; with startAt paging the third would slide out of view
                    jira.update(keys.get(0), new TicketUpdate().summary("t0 changed mid-poll"));
                }
            });
            List<String> seen = got.stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
            assertThat(got).doesNotHaveDuplicates();
            assertThat(seen).containsAll(keys);
            assertThat(seen.stream().filter(keys.get(0)::equals).count()).isEqualTo(2);
            assertThat(got).hasSize(7);
        }
    }

    @Test
    void pollingUsesMinuteDatesInTheJql() {
        try (JiraConnector jira = connector()) {
            sim.clock().advance(Duration.ofSeconds(59));
            String key = create(jira, "at 12:00:59");
            sim.jira().setUpdated(key, Instant.parse("2030-03-01T12:00:59.999Z"));
            Watermark[] wm = {Watermark.from(Instant.parse("2030-03-01T12:01:30Z"))};
            // cursor 12:01:30 minus one minute overlap, floored: "12:00" still includes 12:00:59.999
            assertThat(drain(jira, wm, () -> { })).containsExactly(key + "@2030-03-01T12:00:59.999Z");
        }
    }
}
