package io.twinline.invitation.service;

import io.twinline.core.digest.Sha256;
import io.twinline.core.event.InvitationEvent;
import io.twinline.core.invitation.InvitationCode;
import io.twinline.core.invitation.MalformedInvitationCodeException;
import io.twinline.invitation.config.InvitationConfig;
import io.twinline.invitation.entity.Invitation;
import io.twinline.invitation.repository.InvitationRepository;
import io.twinline.support.outbox.Outbox;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Mints, revokes and redeems invitation codes; redemption issues the agent's per-connection credentials. */
@ApplicationScoped
public class InvitationService {

    private static final Logger LOG = Logger.getLogger(InvitationService.class);

    private final InvitationRepository invitations;
    private final Outbox outbox;
    private final InvitationConfig config;

    public InvitationService(InvitationRepository invitations, Outbox outbox, InvitationConfig config) {
        this.invitations = invitations;
        this.outbox = outbox;
        this.config = config;
    }

    public record MintCommand(UUID connectionId, String connectionName, String initiatorName, Duration lifetime) {
    }

    public record MintedInvitation(UUID invitationId, String code, Instant expiresAt) {
    }

    public record AgentIntroduction(String shortName, String version, String trackerType) {
    }

    public record Redemption(UUID connectionId, String connectionName, String initiatorName, String agentId,
                             String agentSecret, InvitationConfig.PublicEndpoints endpoints) {
    }

    /** Mints a code for a pending connection; any code it had before is revoked, so only the newest works. */
    @Transactional
    public MintedInvitation mint(MintCommand command) {
        revokeOpen(command.connectionId());
        Duration lifetime = command.lifetime() == null ? config.lifetime() : command.lifetime();
        if (lifetime.compareTo(config.lifetime()) > 0 || lifetime.isNegative() || lifetime.isZero()) {
            throw ProblemException.invalidField("lifetimeSeconds", "must be between 1 and " + config.lifetime().toSeconds());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        InvitationConfig.PublicEndpoints endpoints = config.publicEndpoints();
        UUID invitationId = UUID.randomUUID();
        InvitationCode code = InvitationCode.mint(new InvitationCode.Payload(InvitationCode.FORMAT_VERSION, invitationId,
                command.connectionId(), command.connectionName(), command.initiatorName(), endpoints.connectionApi(),
                endpoints.invitationApi(), now.plus(lifetime)));

        Invitation invitation = new Invitation();
        invitation.id = invitationId;
        invitation.connectionId = command.connectionId();
        invitation.connectionName = command.connectionName();
        invitation.initiatorName = command.initiatorName();
        invitation.secretHash = code.secretHash();
        invitation.payloadHash = code.payloadHash();
        invitation.createdAt = now;
        invitation.expiresAt = code.payload().expiresAt();
        invitations.persist(invitation);
        publish(InvitationEvent.Type.MINTED, invitation, null, null);
        LOG.infof("minted invitation %s for connection %s, expires %s", invitationId, command.connectionId(), invitation.expiresAt);
        return new MintedInvitation(invitationId, code.value(), invitation.expiresAt);
    }

    /** Revokes every code of the connection that was not redeemed yet (the connection was deleted or re-invited). */
    @Transactional
    public int revokeOpen(UUID connectionId) {
        int revoked = 0;
        for (Invitation invitation : invitations.findOpenByConnection(connectionId)) {
            invitation.revokedAt = Instant.now();
            publish(InvitationEvent.Type.REVOKED, invitation, null, null);
            revoked++;
        }
        return revoked;
    }

    /**
     * Redeems a code once. The row is locked, so of two concurrent redemptions exactly one succeeds; every refusal
     * is thrown before anything is written.
     */
    @Transactional
    public Redemption redeem(String codeText, AgentIntroduction agent) {
        InvitationCode code;
        try {
            code = InvitationCode.parse(codeText);
        } catch (MalformedInvitationCodeException e) {
            throw refusal(RedemptionRefusal.MALFORMED, e.getMessage());
        }
        Invitation invitation = invitations.findForRedemption(code.payload().invitationId())
                .filter(found -> Sha256.sameHex(found.secretHash, code.secretHash()))
                .orElseThrow(() -> refusal(RedemptionRefusal.UNKNOWN, null));
        if (!Sha256.sameHex(invitation.payloadHash, code.payloadHash())) {
            throw refusal(RedemptionRefusal.TAMPERED, null);
        }
        if (invitation.revokedAt != null) {
            throw refusal(RedemptionRefusal.REVOKED, null);
        }
        if (invitation.redeemedAt != null) {
            throw refusal(RedemptionRefusal.USED, null);
        }
        if (!Instant.now().isBefore(invitation.expiresAt)) {
            throw refusal(RedemptionRefusal.EXPIRED, null);
        }

        String agentSecret = InvitationCode.newSecret();
        invitation.redeemedAt = Instant.now();
        invitation.agentShortName = agent.shortName();
        invitation.agentVersion = agent.version();
        invitation.agentTrackerType = agent.trackerType();
        invitation.agentId = "agent-" + UUID.randomUUID();
        invitation.agentSecretHash = Sha256.hex(agentSecret);
        publish(InvitationEvent.Type.REDEEMED, invitation,
                new InvitationEvent.AgentInfo(agent.shortName(), agent.version(), agent.trackerType()),
                new InvitationEvent.AgentCredential(invitation.agentId, invitation.agentSecretHash));
        LOG.infof("invitation %s redeemed by agent '%s' (%s) for connection %s", invitation.id, agent.shortName(),
                agent.version(), invitation.connectionId);
        return new Redemption(invitation.connectionId, invitation.connectionName, invitation.initiatorName,
                invitation.agentId, agentSecret, config.publicEndpoints());
    }

    private void publish(InvitationEvent.Type type, Invitation invitation, InvitationEvent.AgentInfo agent,
                         InvitationEvent.AgentCredential credential) {
        UUID eventId = UUID.randomUUID();
        outbox.enqueue(eventId, invitation.connectionId.toString(), type.name(), new InvitationEvent(eventId, type,
                invitation.connectionId, invitation.id, Instant.now(), agent, credential));
    }

    private static ProblemException refusal(RedemptionRefusal reason, String detail) {
        return new ProblemException(reason.status, reason.name(), detail == null ? reason.detail : reason.detail + ": " + detail);
    }
}
