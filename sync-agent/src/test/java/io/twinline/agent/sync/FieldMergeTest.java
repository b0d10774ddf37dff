package io.twinline.agent.sync;

import io.twinline.agent.sync.FieldMerge.Decision;
import io.twinline.agent.sync.FieldMerge.Field;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Side;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.twinline.agent.sync.FieldMerge.Field.DESCRIPTION;
import static io.twinline.agent.sync.FieldMerge.Field.LABELS;
import static io.twinline.agent.sync.FieldMerge.Field.PRIORITY;
import static io.twinline.agent.sync.FieldMerge.Field.STATUS;
import static io.twinline.agent.sync.FieldMerge.Field.SUMMARY;
import static org.assertj.core.api.Assertions.assertThat;

class FieldMergeTest {

    static Replica ticket(String summary, String description, String status, String priority, String... labels) {
        Replica t = new Replica();
        t.setSummary(summary);
        t.setDescription(description);
        t.setStatus(new Status(null, status));
        t.setPriority(new Priority(null, priority));
        t.setLabels(List.of(labels));
        return t;
    }

    @Test
    void withoutOwnUnseenChangesTheReplicaIsAppliedAsItIs() {
        assertThat(FieldMerge.decide(Side.PRIVATE, Set.of(SUMMARY, PRIORITY), Set.of(), Set.of())).isEqualTo(Decision.NONE);
        assertThat(Decision.NONE.sendBack()).isFalse();
    }

    @Test
    void onAFieldBothSidesChangedThePublicSideWinsOnBothSides() {
        for (Field f : Field.values()) {
            assertThat(FieldMerge.winner(f)).isEqualTo(Side.PUBLIC);
        }
        Decision atPrivate = FieldMerge.decide(Side.PRIVATE, Set.of(SUMMARY), Set.of(SUMMARY), Set.of());
        assertThat(atPrivate.conflicts()).containsExactly(SUMMARY);
        assertThat(atPrivate.keepLocal()).isEmpty(); // takes the public value

        Decision atPublic = FieldMerge.decide(Side.PUBLIC, Set.of(SUMMARY), Set.of(SUMMARY), Set.of());
        assertThat(atPublic.conflicts()).containsExactly(SUMMARY);
        assertThat(atPublic.keepLocal()).containsExactly(SUMMARY); // keeps its own
        assertThat(atPublic.sendBack()).isFalse(); // already sent: the other side gets it with that replica
    }

    @Test
    void aLocalChangeTheSenderDidNotTouchStaysAndIsSentWhenItWasNotSentYet() {
        Decision sent = FieldMerge.decide(Side.PRIVATE, Set.of(DESCRIPTION), Set.of(PRIORITY), Set.of());
        assertThat(sent.keepLocal()).containsExactly(PRIORITY);
        assertThat(sent.conflicts()).isEmpty();
        assertThat(sent.sendBack()).isFalse();

        Decision unsent = FieldMerge.decide(Side.PRIVATE, Set.of(DESCRIPTION, SUMMARY), Set.of(), Set.of(PRIORITY, SUMMARY));
        assertThat(unsent.keepLocal()).containsExactly(PRIORITY);
        assertThat(unsent.conflicts()).containsExactly(SUMMARY);
        assertThat(unsent.keptUnsent()).containsExactly(PRIORITY);
        assertThat(unsent.sendBack()).isTrue();

        // A lost conflict is not sent back: the public value it took is already what the other side has.
        assertThat(FieldMerge.decide(Side.PRIVATE, Set.of(SUMMARY), Set.of(), Set.of(SUMMARY)).sendBack()).isFalse();
        assertThat(FieldMerge.decide(Side.PUBLIC, Set.of(SUMMARY), Set.of(), Set.of(SUMMARY)).keptUnsent()).containsExactly(SUMMARY);
    }

    @Test
    void changedComparesTheDecidedFieldsByValue() {
        Replica base = ticket("A", "d", "Open", "Low", "x", "y");
        assertThat(FieldMerge.changed(ticket("A", "d", "Open", "Low", "y", "x"), base)).isEmpty(); // label order is no change
        assertThat(FieldMerge.changed(ticket("B", "d", "Closed", "Low", "x"), base)).containsExactlyInAnyOrder(SUMMARY, STATUS, LABELS);
        Replica otherIds = ticket("A", "d", "Open", "Low", "x", "y");
        otherIds.setStatus(new Status("4", "Open"));
        otherIds.setKey("SUP-1");
        assertThat(FieldMerge.changed(otherIds, base)).isEmpty(); // by name, and only the decided fields
        assertThat(FieldMerge.changed(base, null)).containsExactlyInAnyOrder(Field.values());
    }

    @Test
    void wireNamesRoundTripAndUnknownNamesAreIgnored() {
        assertThat(FieldMerge.wireNames(Set.of(PRIORITY, SUMMARY))).containsExactly("summary", "priority");
        assertThat(FieldMerge.fromWireNames(List.of("summary", "dueDate", "", "labels"))).containsExactlyInAnyOrder(SUMMARY, LABELS);
    }

    @Test
    void keepLocalUndoesTheIncomingValuesAndTheBaselineKeepsUnsentChangesVisible() {
        Ticket before = ticket("mine", "d", "Open", "High", "a");
        Ticket wanted = ticket("theirs", "d2", "Closed", "Low", "b");
        FieldMerge.keepLocal(wanted, before, Set.of(SUMMARY, PRIORITY, LABELS));
        assertThat(wanted.getSummary()).isEqualTo("mine");
        assertThat(wanted.getPriority().getName()).isEqualTo("High");
        assertThat(FieldMerge.changed(wanted, before)).containsExactlyInAnyOrder(DESCRIPTION, STATUS);

        Replica old = ticket("s", "d", "Open", "Low");
        Replica after = ticket("s2", "d", "Open", "High");
        Replica baseline = FieldMerge.baselineAfter(after, old, Set.of(PRIORITY));
        assertThat(FieldMerge.changed(after, baseline)).containsExactly(PRIORITY); // the send-back names it
        assertThat(baseline.getSummary()).isEqualTo("s2");
        assertThat(after.getPriority().getName()).isEqualTo("High"); // not modified
    }

    /**
     * Both sides edit the same twin while neither has seen the other's change. Whichever side's poll sends its change
     * first, each side ends with the public summary and description and the private priority.
     */
    @Test
    void concurrentEditsConvergeInEveryOrderTheReplicasCanCrossIn() {
        Replica base = ticket("base", "desc", "Open", "Low");
        Replica pub = ticket("public summary", "public desc", "Open", "Low");     // summary + description
        Replica priv = ticket("private summary", "desc", "Open", "High");         // summary + priority
        Set<Field> pubChanged = FieldMerge.changed(pub, base);
        Set<Field> privChanged = FieldMerge.changed(priv, base);

        // Both sent before receiving: each decides on the other's replica with its own change counted as sent.
        Ticket atPrivate = receive(Side.PRIVATE, priv, pub, pubChanged, privChanged, Set.of()).result;
        Ticket atPublic = receive(Side.PUBLIC, pub, priv, privChanged, pubChanged, Set.of()).result;
        assertConverged(atPrivate, atPublic);

        // The public side sent first; the private side receives it before its poll sent its own change.
        Received privateFirst = receive(Side.PRIVATE, priv, pub, pubChanged, Set.of(), privChanged);
        assertThat(privateFirst.decision.keptUnsent()).containsExactly(PRIORITY);
        // its send-back reaches a public side that has nothing unseen any more: applied as it is
        Received publicAfter = receive(Side.PUBLIC, pub, privateFirst.result, privateFirst.decision.keptUnsent(), Set.of(), Set.of());
        assertThat(publicAfter.decision).isEqualTo(Decision.NONE);
        assertConverged(privateFirst.result, publicAfter.result);

        // The private side sent first; the public side receives it before its poll sent its own change.
        Received publicFirst = receive(Side.PUBLIC, pub, priv, privChanged, Set.of(), pubChanged);
        assertThat(publicFirst.decision.keptUnsent()).containsExactlyInAnyOrder(SUMMARY, DESCRIPTION);
        Received privateAfter = receive(Side.PRIVATE, priv, publicFirst.result, publicFirst.decision.keptUnsent(), Set.of(), Set.of());
        assertConverged(publicFirst.result, privateAfter.result);
    }

    private static void assertConverged(Ticket a, Ticket b) {
        assertThat(FieldMerge.changed(a, b)).isEmpty();
        assertThat(a.getSummary()).isEqualTo("public summary");
        assertThat(a.getDescription()).isEqualTo("public desc");
        assertThat(a.getPriority().getName()).isEqualTo("High");
    }

    private record Received(Ticket result, Decision decision) {
    }

    /** The receiver takes the incoming values, then keeps what the decision says (as SyncEngine does). */
    private static Received receive(Side receiver, Ticket local, Ticket incoming, Set<Field> senderChanged, Set<Field> ownSent,
                                    Set<Field> ownUnsent) {
        Decision d = FieldMerge.decide(receiver, senderChanged, ownSent, ownUnsent);
        Ticket wanted = incoming.copy();
        FieldMerge.keepLocal(wanted, local, d.keepLocal());
        return new Received(wanted, d);
    }
}
