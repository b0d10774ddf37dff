package io.twinline.agent.sync;

import io.twinline.core.model.Label;
import io.twinline.core.model.NamedValue;
import io.twinline.core.model.Side;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The per-field rule for concurrent edits, as pure decisions (no ledger, no tracker).
 *
 * <p>A replica is applied as it is unless the receiver has changes of its own the sender had not seen when it built
 * the replica (sent after the version the sender was {@code basedOn}, or not sent yet). For each such field:
 * <ul>
 *   <li>the sender did not change it → the receiver keeps its value (the sender gets it with the receiver's own
 *       replica);</li>
 *   <li>the sender changed it too (a conflict) → {@link #winner(Field) the winning side}'s value stays on both sides:
 *       the PUBLIC side for every field. A fixed winner per field, the same on both agents, is what makes the twins
 *       converge: the winning side keeps its value, the other side takes it, whatever order the replicas cross
 *       in.</li>
 * </ul>
 * Fields neither side changed concurrently are applied as before. Comments are not decided here: they are merged by
 * the rules' comment helper (both sides' comments are kept).
 */
public final class FieldMerge {

    /** The fields the rule decides; they are the ones a tracker update can set. */
    public enum Field {
        SUMMARY, DESCRIPTION, STATUS, PRIORITY, LABELS;

        /** The name in the replica and in the envelope's {@code changed} list. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Field> byWireName(String name) {
            for (Field f : values()) {
                if (f.wireName().equals(name)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty(); // a newer sender may name fields this agent does not decide
        }
    }

    /**
     * What to do with one incoming replica.
     *
     * @param keepLocal  fields whose local value stays (the incoming rules' result for them is undone)
     * @param conflicts  fields both sides changed concurrently (decided by {@link #winner(Field)})
     * @param keptUnsent fields kept that hold a local change not sent yet: the receiver must send its replica now,
     *                   since the apply would otherwise record it as the echo and never send it
     */
    public record Decision(Set<Field> keepLocal, Set<Field> conflicts, Set<Field> keptUnsent) {
        public static final Decision NONE = new Decision(Set.of(), Set.of(), Set.of());

        public boolean sendBack() {
            return !keptUnsent.isEmpty();
        }
    }

    private FieldMerge() {
    }

    /** Who wins a field both sides changed concurrently. Fixed and the same on both agents, so they converge. */
    public static Side winner(Field field) {
        // The public side owns the customer-facing ticket; its wording and triage stand when both sides edit at once.
        return Side.PUBLIC;
    }

    /**
     * @param receiver      this side
     * @param senderChanged the fields the sender changed with this replica
     * @param ownSent       this side's changes in versions sent after the one the sender was based on
     * @param ownUnsent     this side's local changes not sent yet
     */
    public static Decision decide(Side receiver, Set<Field> senderChanged, Set<Field> ownSent, Set<Field> ownUnsent) {
        Set<Field> own = EnumSet.noneOf(Field.class);
        own.addAll(ownSent);
        own.addAll(ownUnsent);
        if (own.isEmpty()) {
            return Decision.NONE;
        }
        Set<Field> keep = EnumSet.noneOf(Field.class);
        Set<Field> conflicts = EnumSet.noneOf(Field.class);
        for (Field f : own) {
            if (!senderChanged.contains(f)) {
                keep.add(f);
            } else {
                conflicts.add(f);
                if (winner(f) == receiver) {
                    keep.add(f);
                }
            }
        }
        Set<Field> keptUnsent = EnumSet.noneOf(Field.class);
        keep.stream().filter(ownUnsent::contains).forEach(keptUnsent::add);
        return new Decision(Set.copyOf(keep), Set.copyOf(conflicts), Set.copyOf(keptUnsent));
    }

    /** The decided fields whose values differ between {@code now} and {@code base}; every field when there is no base. */
    public static Set<Field> changed(Ticket now, Ticket base) {
        Set<Field> changed = EnumSet.noneOf(Field.class);
        for (Field f : Field.values()) {
            if (base == null || !Objects.equals(value(now, f), value(base, f))) {
                changed.add(f);
            }
        }
        return changed;
    }

    /** Undoes the incoming rules' result for the fields that keep their local value. */
    public static void keepLocal(Ticket wanted, Ticket before, Set<Field> fields) {
        for (Field f : fields) {
            copy(before, wanted, f);
        }
    }

    /**
     * What the other side is known to agree with after an apply: this side's outgoing replica, except for the fields
     * that kept an unsent local change, which keep their old baseline value so the next replica names them as changed.
     */
    public static Replica baselineAfter(Replica outgoingAfter, Replica oldBaseline, Set<Field> keptUnsent) {
        Replica baseline = outgoingAfter.copy();
        if (oldBaseline != null) {
            keptUnsent.forEach(f -> copy(oldBaseline, baseline, f));
        }
        return baseline;
    }

    public static List<String> wireNames(Collection<Field> fields) {
        return fields.stream().sorted().map(Field::wireName).toList();
    }

    public static Set<Field> fromWireNames(Collection<String> names) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        names.forEach(n -> Field.byWireName(n).ifPresent(fields::add));
        return fields;
    }

    private static Object value(Ticket t, Field f) {
        return switch (f) {
            case SUMMARY -> t.getSummary();
            case DESCRIPTION -> t.getDescription();
            case STATUS -> name(t.getStatus());
            case PRIORITY -> name(t.getPriority());
            case LABELS -> t.getLabels().stream().map(Label::getLabel).collect(Collectors.toSet());
        };
    }

    private static void copy(Ticket from, Ticket to, Field f) {
        switch (f) {
            case SUMMARY -> to.setSummary(from.getSummary());
            case DESCRIPTION -> to.setDescription(from.getDescription());
            case STATUS -> to.setStatus(from.getStatus() == null ? null : from.getStatus().copy());
            case PRIORITY -> to.setPriority(from.getPriority() == null ? null : from.getPriority().copy());
            case LABELS -> to.setLabels(new ArrayList<>(from.getLabels()));
        }
    }

    private static String name(NamedValue v) {
        return v == null ? null : v.getName();
    }
}
