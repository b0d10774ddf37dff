package io.twinline.core.rules;

import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scripts set fields with plain values as often as with objects: both forms are taken. */
class PlainValuesTest {

    private final RulesEngine engine = new RulesEngine();

    @Test
    void usersStatusesTypesAndLabelsByPlainValue() {
        Ticket result = engine.run(Direction.INCOMING, """
                issue.assignee = 'bea@example.com'
                issue.reporter = 'carl'
                issue.status = 'Done'
                issue.priority = 'High'
                issue.type = 'Bug'
                issue.labels = ['one', 'two']
                """, RulesRun.incoming(new Ticket(), new Replica())).entity();

        assertThat(result.getAssignee().getEmail()).isEqualTo("bea@example.com");
        assertThat(result.getReporter().getUsername()).isEqualTo("carl");
        assertThat(result.getReporter().getKey()).isEqualTo("carl");
        assertThat(result.getStatus().getName()).isEqualTo("Done");
        assertThat(result.getPriority().getName()).isEqualTo("High");
        assertThat(result.getType().getName()).isEqualTo("Bug");
        assertThat(result.getLabels()).extracting(l -> l.getLabel()).containsExactly("one", "two");
    }

    @Test
    void aUserAsAMapOrAnObjectToo() {
        Ticket result = engine.run(Direction.INCOMING, """
                issue.assignee = [email: 'ann@example.com', displayName: 'Ann']
                issue.reporter = replica.reporter
                """, RulesRun.incoming(new Ticket(), replicaWithReporter())).entity();
        assertThat(result.getAssignee().getEmail()).isEqualTo("ann@example.com");
        assertThat(result.getReporter().getEmail()).isEqualTo("rob@example.com");
    }

    @Test
    void somethingThatIsNoUserFailsWithTheLine() {
        assertThatThrownBy(() -> engine.run(Direction.INCOMING, "def x = 1\nissue.assignee = 42\n",
                RulesRun.incoming(new Ticket(), new Replica())))
                .isInstanceOf(RulesRunException.class).hasMessageContaining("line 2").hasMessageContaining("a user is");
    }

    private static Replica replicaWithReporter() {
        Replica replica = new Replica();
        replica.setReporter(new io.twinline.core.model.User("7", "Rob", "rob@example.com", null));
        return replica;
    }
}
