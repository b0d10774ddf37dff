package io.twinline.connection.service;

import io.quarkus.runtime.StartupEvent;
import io.twinline.connection.config.OperatorsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * At the first start (no key at all), writes one operator key to the configured file, readable by its owner only,
 * so that a fresh installation can be used with {@code curl} at once. The key is never logged.
 */
@ApplicationScoped
public class OperatorKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(OperatorKeyBootstrap.class);

    private final OperatorKeyService keys;
    private final OperatorsConfig config;

    public OperatorKeyBootstrap(OperatorKeyService keys, OperatorsConfig config) {
        this.keys = keys;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        config.bootstrapKeyFile().ifPresent(file -> {
            Optional<String> secret = keys.bootstrap();
            if (secret.isPresent()) {
                write(file, secret.get());
                LOG.infof("first operator key written to %s", file);
            } else if (!Files.exists(file)) {
                LOG.warnf("operator keys exist already, so none was written to %s; create one with an operator key", file);
            }
        });
    }

    private static void write(Path file, String secret) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".operator-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the first operator key to " + file, e);
        }
    }
}
