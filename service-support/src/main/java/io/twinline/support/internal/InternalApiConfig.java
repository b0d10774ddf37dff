package io.twinline.support.internal;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The service credential this service's {@code /internal} API accepts. */
@ConfigMapping(prefix = "twinline.internal")
public interface InternalApiConfig {

    /**
     * The token callers inside the public network send in {@code X-Twinline-Service-Token} (at least 32 characters).
     * Without it every {@code /internal} call is refused.
     */
    Optional<String> serviceToken();
}
