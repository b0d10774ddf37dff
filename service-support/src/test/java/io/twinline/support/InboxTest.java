package io.twinline.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.twinline.support.inbox.Inbox;
import io.twinline.testkit.KafkaTestResource;
import io.twinline.testkit.PostgresTestResource;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.twinline.support.Causes.causes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inbox against a real PostgreSQL: the effect and the record of the event commit together, or neither does. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class InboxTest {

    @Inject
    Inbox inbox;

    /** What a consumer does: apply the effect only on the first delivery, in one transaction with the record. */
    private boolean consume(UUID eventId, UUID effectId, boolean failAfterEffect) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!inbox.firstDelivery(eventId, "test-consumer")) {
                return false;
            }
            TestEffect.of(effectId, "applied").persist();
            if (failAfterEffect) {
                throw new IllegalStateException("the effect failed");
            }
            return true;
        });
    }

    private static long effects(UUID effectId) {
        return QuarkusTransaction.requiringNew().call(() -> TestEffect.count("id", effectId));
    }

    @Test
    void aRedeliveredEventIsRecognisedAndItsEffectHappensOnce() {
        UUID event = UUID.randomUUID();
        UUID effect = UUID.randomUUID();
        assertThat(consume(event, effect, false)).isTrue();
        assertThat(consume(event, UUID.randomUUID(), false)).isFalse();
        assertThat(consume(event, UUID.randomUUID(), false)).isFalse();
        assertThat(effects(effect)).isEqualTo(1);
    }

    @Test
    void aFailedEffectLeavesNoRecordSoTheRedeliveryIsAppliedThen() {
        UUID event = UUID.randomUUID();
        UUID effect = UUID.randomUUID();
        assertThatThrownBy(() -> consume(event, effect, true))
                .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof IllegalStateException));
        assertThat(effects(effect)).isZero();
        assertThat(consume(event, effect, false)).isTrue();
        assertThat(effects(effect)).isEqualTo(1);
    }

    @Test
    void differentEventsAreEachApplied() {
        assertThat(consume(UUID.randomUUID(), UUID.randomUUID(), false)).isTrue();
        assertThat(consume(UUID.randomUUID(), UUID.randomUUID(), false)).isTrue();
    }

    @Test
    void recordingOutsideTheConsumersTransactionIsRefused() {
        assertThatThrownBy(() -> inbox.firstDelivery(UUID.randomUUID(), "test-consumer"))
                .isInstanceOf(TransactionalException.class);
    }
}
