package io.twinline.core.rules;

import io.twinline.core.model.Comment;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.replica.Replica;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** mergeComments and friends, called as the engine binds them (through rules) and directly. */
class CommentHelperTest {
    private static final User ALICE = new User("a1", "Alice Doe", "alice@example.com", null);
    private final RulesEngine engine = new RulesEngine();

    private static Comment remote(String id, String body) {
        return new Comment(id, body, ALICE, Instant.parse("2026-11-20T10:00:00Z"));
    }

    private static Replica replica(Comment... comments) {
        Replica r = new Replica();
        r.setComments(List.of(comments));
        return r;
    }

    /** Runs incoming rules that merge comments, as the agent would: returns the new local ticket. */
    private Ticket merge(Ticket local, Replica replica, Replica previous, String script) {
        return engine.run(Direction.INCOMING, script, RulesRun.incoming(local, replica).previous(previous)).entity();
    }

    private Ticket merge(Ticket local, Replica replica, Replica previous) {
        return merge(local, replica, previous, "issue.comments = commentHelper.mergeComments(issue, replica)");
    }

    /** What the tracker would hold after the agent created the mirrors: ids assigned. */
    private static Ticket stored(Ticket t) {
        Ticket copy = t.copy();
        int n = 100;
        for (Comment c : copy.getComments()) {
            if (c.getId() == null) {
                c.setId("L" + n++);
            }
        }
        return copy;
    }

    @Test
    void addsRemoteCommentsWithTheAuthorNamedAndTracksThemByRemoteId() {
        Ticket local = new Ticket();
        local.setComments(List.of(new Comment("L1", "our own", null, Instant.now())));
        Ticket result = merge(local, replica(remote("R1", "first"), remote("R2", "second")), null);
        assertThat(result.getComments()).hasSize(3);
        assertThat(result.getComments().get(0).getBody()).isEqualTo("our own");
        Comment mirror = result.getComments().get(1);
        assertThat(mirror.getId()).isNull();
        assertThat(mirror.getRemoteId()).isEqualTo("R1");
        assertThat(mirror.getBody()).isEqualTo("Alice Doe wrote:\nfirst");
        assertThat(result.getComments().get(2).getRemoteId()).isEqualTo("R2");
    }

    @Test
    void runningItTwiceAddsNothing() {
        Replica r = replica(remote("R1", "first"));
        Ticket once = stored(merge(new Ticket(), r, null));
        Ticket twice = merge(once, r, null);
        Ticket thrice = merge(twice, r, r);
        assertThat(twice.getComments()).hasSize(1).isEqualTo(once.getComments());
        assertThat(thrice.getComments()).isEqualTo(once.getComments());
        // and within one run
        Ticket inOneRun = merge(new Ticket(), r, null,
                "issue.comments = commentHelper.mergeComments(issue, replica)\nissue.comments = commentHelper.mergeComments(issue, replica)");
        assertThat(inOneRun.getComments()).hasSize(1);
    }

    @Test
    void remoteEditUpdatesTheMirrorAndRemoteDeletionRemovesIt() {
        Replica v1 = replica(remote("R1", "first"), remote("R2", "second"));
        Ticket local = stored(merge(new Ticket(), v1, null));
        Replica v2 = replica(remote("R1", "first, edited"));
        Ticket after = merge(local, v2, v1);
        assertThat(after.getComments()).hasSize(1);
        assertThat(after.getComments().get(0).getId()).isEqualTo("L100");
        assertThat(after.getComments().get(0).getBody()).isEqualTo("Alice Doe wrote:\nfirst, edited");
    }

    @Test
    void localEditOfAMirrorIsKeptUntilTheRemoteCommentChanges() {
        Replica v1 = replica(remote("R1", "first"));
        Ticket local = stored(merge(new Ticket(), v1, null));
        local.getComments().get(0).setBody("Alice Doe wrote:\nfirst (typo fixed here)");
        Ticket same = merge(local, v1, v1);
        assertThat(same.getComments().get(0).getBody()).isEqualTo("Alice Doe wrote:\nfirst (typo fixed here)");
        Replica v2 = replica(remote("R1", "first, new text"));
        Ticket changed = merge(same, v2, v1);
        assertThat(changed.getComments().get(0).getBody()).isEqualTo("Alice Doe wrote:\nfirst, new text");
    }

    @Test
    void localDeletionOfAMirrorSticksWhileTheRemoteCommentIsUnchanged() {
        Replica v1 = replica(remote("R1", "first"), remote("R2", "second"));
        Ticket local = stored(merge(new Ticket(), v1, null));
        local.getComments().removeIf(c -> "R1".equals(c.getRemoteId()));
        Ticket again = merge(local, v1, v1);
        assertThat(again.getComments()).extracting(Comment::getRemoteId).containsExactly("R2");
    }

    @Test
    void localCommentsAreNeverTouchedAndOurOwnMirrorsAreNotMirroredBack() {
        Ticket local = new Ticket();
        local.setComments(List.of(new Comment("L1", "mine", null, Instant.now()), new Comment("L2", "mine too", null, Instant.now())));
        local.getComments().get(1).setBody("mine too, edited locally");
        Comment echo = remote("R9", "Bob wrote:\nmine");
        echo.setRemoteId("L1"); // the other side's mirror of our L1
        Ticket result = merge(local, replica(echo), null);
        assertThat(result.getComments()).extracting(Comment::getBody).containsExactly("mine", "mine too, edited locally");
        // a comment deleted locally is simply gone: nothing brings it back
        local.getComments().remove(0);
        assertThat(merge(local, replica(echo), null).getComments()).extracting(Comment::getId).containsExactly("L2");
    }

    @Test
    void closureSeesEachIncomingCommentAndMayChangeIt() {
        Ticket keep = merge(new Ticket(), replica(remote("R1", "as is")), null,
                "issue.comments = commentHelper.mergeComments(issue, replica, { it })");
        assertThat(keep.getComments().get(0).getBody()).isEqualTo("as is");
        Ticket internal = merge(new Ticket(), replica(remote("R1", "secret")), null,
                "issue.comments = commentHelper.mergeComments(issue, replica, { it.internal = true })");
        assertThat(internal.getComments().get(0).isInternal()).isTrue();
        assertThat(internal.getComments().get(0).getRemoteId()).isEqualTo("R1");
        Ticket replaced = merge(new Ticket(), replica(remote("R1", "x")), null,
                "issue.comments = commentHelper.mergeComments(issue, replica) { c -> c.body = '[' + c.author.displayName + '] ' + c.body; c }");
        assertThat(replaced.getComments().get(0).getBody()).isEqualTo("[Alice Doe] x");
    }

    @Test
    void addCommentAndFilterLocal() {
        Ticket local = new Ticket();
        Comment priv = new Comment("1", "private note", null, Instant.now());
        priv.setInternal(true);
        local.setComments(List.of(priv, new Comment("2", "public", null, Instant.now())));
        RunResult r = engine.run(Direction.OUTGOING, """
                replica.comments = commentHelper.filterLocal(issue.comments)
                replica.customKeys.added = commentHelper.addComment("synced by Twinline", issue.comments).collect { it.body }
                """, RulesRun.outgoing(local));
        assertThat(r.replica().getComments()).extracting(Comment::getBody).containsExactly("public");
        assertThat(r.replica().getCustomKeys().get("added")).isEqualTo(List.of("private note", "public", "synced by Twinline"));
        assertThat(local.getComments()).hasSize(2);
    }

    @Test
    void addedAndRemovedCommentsAreComputedAgainstPrevious() {
        Replica previous = replica(remote("R1", "a"), remote("R2", "b"));
        Replica now = replica(remote("R2", "b"), remote("R3", "c"));
        RunResult r = engine.run(Direction.INCOMING, """
                issue.summary = replica.addedComments.collect { it.id }.join(',') + '|' + replica.removedComments.collect { it.id }.join(',')
                """, RulesRun.incoming(new Ticket(), now).previous(previous));
        assertThat(r.entity().getSummary()).isEqualTo("R3|R1");
    }
}
