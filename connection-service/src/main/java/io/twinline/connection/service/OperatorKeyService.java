package io.twinline.connection.service;

import io.twinline.core.digest.Sha256;
import io.twinline.connection.entity.AuditAction;
import io.twinline.connection.entity.OperatorKey;
import io.twinline.connection.repository.OperatorKeyRepository;
import io.twinline.connection.security.Roles;
import io.twinline.core.invitation.InvitationCode;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Operators' API keys: 256 random bits, shown once, kept as their SHA-256 (a slow password hash adds nothing for a
 * key that cannot be guessed); each key has one role.
 */
@ApplicationScoped
public class OperatorKeyService {

    private static final Logger LOG = Logger.getLogger(OperatorKeyService.class);

    /** Every key starts with this, so that it is recognised as a key (and by secret scanners). */
    public static final String PREFIX = "twk_";
    static final String NAME = "[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperatorKeyRepository keys;
    private final AuditService audit;

    public OperatorKeyService(OperatorKeyRepository keys, AuditService audit) {
        this.keys = keys;
        this.audit = audit;
    }

    /** A new key and its secret: the only time the secret is seen. */
    public record CreatedKey(OperatorKey key, String secret) {
    }

    @Transactional
    public CreatedKey create(String name, String role) {
        if (name == null || !name.strip().matches(NAME)) {
            throw ProblemException.invalidField("name", "1 to 64 letters, digits, spaces, '.', '_', '@' or '-'");
        }
        if (!Roles.isOperatorRole(role)) {
            throw ProblemException.invalidField("role", "must be " + Roles.VIEWER + " or " + Roles.OPERATOR);
        }
        CreatedKey created = newKey(name.strip(), role, audit.actor());
        audit.record(AuditAction.KEY_CREATED, null, "key " + created.key().id, name.strip() + " (" + role + ")");
        return created;
    }

    public List<OperatorKey> list() {
        return keys.listByCreation();
    }

    @Transactional
    public OperatorKey revoke(UUID id) {
        OperatorKey key = keys.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("key " + id));
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
            audit.record(AuditAction.KEY_REVOKED, null, "key " + id, key.name + " (" + key.role + ")");
            LOG.infof("operator key %s '%s' revoked", id, key.name);
        }
        return key;
    }

    /** The key a presented secret belongs to, if it exists and is not revoked. */
    @ActivateRequestContext
    @Transactional
    public Optional<OperatorKey> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 128) {
            return Optional.empty();
        }
        return keys.findActiveByHash(Sha256.hex(secret));
    }

    /** Creates the first operator key when there is none at all; answers its secret, or empty when keys exist. */
    @Transactional
    public Optional<String> bootstrap() {
        if (keys.count() > 0) {
            return Optional.empty();
        }
        CreatedKey created = newKey("bootstrap", Roles.OPERATOR, "system");
        audit.record(AuditAction.KEY_CREATED, null, "key " + created.key().id, "bootstrap (operator)");
        return Optional.of(created.secret());
    }

    private CreatedKey newKey(String name, String role, String createdBy) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OperatorKey key = new OperatorKey();
        key.id = UUID.randomUUID();
        key.name = name;
        key.role = role;
        key.keyHash = Sha256.hex(secret);
        key.hint = secret.substring(0, PREFIX.length() + 4) + "…";
        key.createdAt = Instant.now();
        key.createdBy = createdBy;
        keys.persist(key);
        LOG.infof("operator key %s '%s' (%s) created", key.id, name, role);
        return new CreatedKey(key, secret);
    }
}
