package io.twinline.connection.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/** How operators sign in (OIDC itself is set with {@code quarkus.oidc.*}, see the README). */
@ConfigMapping(prefix = "twinline.operators")
public interface OperatorsConfig {

    /**
     * Where to write the first operator key when the service starts and no key exists yet (mode 600). Without it no
     * key is made: create one with a key that exists, or sign in with OIDC.
     */
    Optional<Path> bootstrapKeyFile();
}
