package io.twinline.connection.service;

import io.quarkus.security.identity.SecurityIdentity;
import io.twinline.connection.entity.AuditAction;
import io.twinline.connection.entity.AuditEntry;
import io.twinline.connection.repository.AuditEntryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit log: each operator change is recorded in the transaction of the change, so neither exists without the other. */
@ApplicationScoped
public class AuditService {

    public static final int MAX_PAGE = 500;

    private final AuditEntryRepository entries;
    private final Instance<SecurityIdentity> identity;

    public AuditService(AuditEntryRepository entries, Instance<SecurityIdentity> identity) {
        this.entries = entries;
        this.identity = identity;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditAction action, UUID connectionId, String subject, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.occurredAt = Instant.now();
        entry.actor = actor();
        entry.action = action;
        entry.connectionId = connectionId;
        entry.subject = subject;
        entry.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        entries.persist(entry);
    }

    public List<AuditEntry> latest(UUID connectionId, int limit) {
        return entries.latest(connectionId, Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    /** The operator as authenticated: an API key's name, or the OIDC user's principal name. */
    public String actor() {
        SecurityIdentity current = identity.isResolvable() ? identity.get() : null;
        if (current == null || current.isAnonymous()) {
            return "system";
        }
        return current.getPrincipal().getName();
    }
}
