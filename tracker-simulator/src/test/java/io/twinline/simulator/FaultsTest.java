package io.twinline.simulator;

import io.twinline.simulator.admin.Faults;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Injected lost answers, and the count of clients that came back before an injected 429's Retry-After ran out. */
class FaultsTest {

    @Test
    void aRequestSentAgainBeforeItsRetryAfterIsCountedAsEarly() {
        Faults faults = new Faults();
        faults.configure(Json.MAPPER.createObjectNode().put("tooManyRate", 1.0).put("retryAfterSeconds", 5));

        assertThat(faults.next("GET /api/v2/tickets/1").status()).isEqualTo(429);
        faults.next("GET /api/v2/tickets/2"); // another request: not a retry
        assertThat(faults.toJson().get("earlyRetries").asLong()).isZero();
        faults.next("GET /api/v2/tickets/1"); // the same one again, at once
        assertThat(faults.toJson().get("earlyRetries").asLong()).isEqualTo(1);
        assertThat(faults.toJson().get("injected").asLong()).isEqualTo(3);
    }

    @Test
    void aLostAnswerIsCarriedOutAndAnsweredWithA500() {
        Faults faults = new Faults();
        faults.configure(Json.MAPPER.createObjectNode().put("lostRate", 1.0));
        Faults.Decision decision = faults.next("POST /rest/api/2/issue");
        assertThat(decision.status()).isEqualTo(500);
        assertThat(decision.afterHandler()).isTrue();
        faults.reset();
        assertThat(faults.next("POST /rest/api/2/issue").status()).isZero();
    }
}
