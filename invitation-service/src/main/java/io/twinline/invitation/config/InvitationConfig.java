package io.twinline.invitation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "twinline.invitation")
public interface InvitationConfig {

    /** How long a code can be redeemed. */
    @WithDefault("72h")
    Duration lifetime();

    /**
     * What the code tells the partner's agent: where the public side can be reached from the partner's network (https;
     * plain http is accepted by agents only on loopback). Kafka is not named: agents learn it over their edge.
     */
    PublicEndpoints publicEndpoints();

    interface PublicEndpoints {
        /** Base URL of connection-service as the partner's agent reaches it. */
        String connectionApi();

        /** Base URL of invitation-service as the partner's agent reaches it. */
        String invitationApi();
    }
}
