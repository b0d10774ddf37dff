package io.twinline.agent.sync;

import io.twinline.agent.repository.TwinLedger;
import io.twinline.core.model.Ticket;
import io.twinline.core.tracker.ChangePage;
import io.twinline.core.tracker.Watermark;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks the tracker for tickets changed since the stored watermark (taken from the tracker's own timestamps) and
 * hands each to the engine; tickets not under sync come under sync when a trigger matches them.
 */
final class ChangePoller {

    private static final Logger LOG = Logger.getLogger(ChangePoller.class);
    private static final String WATERMARK = "watermark";

    /**
     * Trackers stamp changes to the second (Freshdesk) or the minute (Jira queries), so a ticket changed again within
     * the same stamp looks unchanged to the watermark. Tickets under sync seen lately are therefore looked at again in
     * the next few rounds; the outgoing hash makes a look that finds nothing new send nothing.
     */
    private static final int RECHECK_ROUNDS = 5;

    private final SyncEngine engine;
    private final TwinLedger ledger;
    private final java.util.function.Supplier<List<String>> triggers;
    private final Map<String, Integer> recent = new HashMap<>();

    /**
     * Triggers kept over REST reach the agent with its next report, so a ticket changed just after a trigger was added
     * may be polled before the agent knows it. Tickets seen in the last few rounds that no trigger matched are looked
     * at again when the triggers change (a few rounds cover the report interval; older changes wait for their next
     * update, or a bulk sync).
     */
    private static final int UNMATCHED_ROUNDS = 5;
    private final Map<String, Integer> unmatched = new HashMap<>();
    private List<String> knownTriggers;

    ChangePoller(SyncEngine engine, TwinLedger ledger, java.util.function.Supplier<List<String>> triggers) {
        this.engine = engine;
        this.ledger = ledger;
        this.triggers = triggers;
    }

    /** One round: every page of changes; the watermark is saved after each page, so a crash repeats at most one. */
    void pollOnce() {
        recheckUnmatchedOnNewTriggers();
        Watermark watermark = ledger.state(WATERMARK).map(Watermark::decode).orElseGet(() -> Watermark.from(Instant.EPOCH));
        ChangePage page;
        do {
            page = engine.tracker().changedSince(watermark);
            Set<String> triggered = null;
            for (Ticket ticket : page.tickets()) {
                boolean underSync = engine.isUnderSync(ticket.getKey());
                if (!underSync && triggered == null) {
                    triggered = matchingTriggers();
                }
                boolean bringUnderSync = !underSync && triggered.contains(ticket.getKey());
                engine.onLocalChange(ticket.getKey(), bringUnderSync);
                recent.put(ticket.getKey(), RECHECK_ROUNDS + 1);
                if (!underSync && !bringUnderSync) {
                    unmatched.put(ticket.getKey(), UNMATCHED_ROUNDS);
                }
            }
            watermark = page.watermark();
            ledger.saveState(WATERMARK, watermark.encode());
        } while (page.hasMore());
        recheckRecent();
    }

    private void recheckRecent() {
        recent.replaceAll((key, rounds) -> rounds - 1);
        recent.values().removeIf(rounds -> rounds <= 0);
        for (Map.Entry<String, Integer> entry : recent.entrySet()) {
            if (entry.getValue() <= RECHECK_ROUNDS && engine.isUnderSync(entry.getKey())) {
                engine.onLocalChange(entry.getKey(), false);
            }
        }
    }

    private void recheckUnmatchedOnNewTriggers() {
        List<String> current = triggers.get();
        boolean changed = knownTriggers != null && !knownTriggers.equals(current);
        knownTriggers = List.copyOf(current);
        unmatched.replaceAll((key, rounds) -> rounds - 1);
        unmatched.values().removeIf(rounds -> rounds <= 0);
        if (!changed || unmatched.isEmpty()) {
            return;
        }
        Set<String> triggered = matchingTriggers();
        for (String key : List.copyOf(unmatched.keySet())) {
            if (triggered.contains(key) && !engine.isUnderSync(key)) {
                engine.onLocalChange(key, true);
                unmatched.remove(key);
            }
        }
    }

    private Set<String> matchingTriggers() {
        Set<String> keys = new HashSet<>();
        for (String trigger : triggers.get()) {
            try {
                engine.tracker().search(trigger).forEach(t -> keys.add(t.getKey()));
            } catch (RuntimeException e) {
                LOG.errorf("trigger '%s' failed: %s", trigger, e.getMessage());
            }
        }
        return keys;
    }
}
