package io.twinline.agent.service;

import io.twinline.agent.client.InvitationApi;
import io.twinline.agent.config.AgentConfig;
import io.twinline.agent.repository.Enrollment;
import io.twinline.agent.repository.EnrollmentRepository;
import io.twinline.core.invitation.InvitationCode;
import io.twinline.core.invitation.MalformedInvitationCodeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/** Redeems the invitation once and keeps the credentials; later starts need no code. */
@ApplicationScoped
public class EnrollmentService {

    private static final Logger LOG = Logger.getLogger(EnrollmentService.class);

    private final EnrollmentRepository store;
    private final PublicSideClients clients;
    private final AgentConfig config;
    private final String version;

    public EnrollmentService(EnrollmentRepository store, PublicSideClients clients, AgentConfig config,
                             @ConfigProperty(name = "quarkus.application.version") String version) {
        this.store = store;
        this.clients = clients;
        this.config = config;
        this.version = version;
    }

    public Optional<Enrollment> current() {
        return store.find();
    }

    /**
     * The stored enrollment, or a new one from the configured invitation code.
     *
     * @throws RefusedException when there is no usable code, or the public side refused it
     * @throws jakarta.ws.rs.ProcessingException when the public side cannot be reached (worth retrying)
     */
    public Enrollment enroll() {
        Optional<Enrollment> stored = store.find();
        if (stored.isPresent()) {
            if (config.invitation().isPresent()) {
                LOG.infof("already enrolled in connection '%s'; the invitation code is not needed any more", stored.get().connectionName());
            }
            return stored.get();
        }
        String text = config.invitation().filter(s -> !s.isBlank()).orElseThrow(() -> new RefusedException("NO_INVITATION",
                "this agent is not enrolled yet: start it with an invitation code (--invitation CODE or TWINLINE_AGENT_INVITATION)"));
        InvitationCode code;
        try {
            code = InvitationCode.parse(text);
        } catch (MalformedInvitationCodeException e) {
            throw new RefusedException("MALFORMED", "the invitation code is not valid: " + e.getMessage());
        }
        // Checked before anything is sent: an edited payload could point the code's secret at someone else's server.
        if (!code.sealIntact()) {
            throw new RefusedException("TAMPERED", "the invitation code was altered after the public side issued it "
                    + "(its seal does not match); ask the initiator for a fresh copy");
        }
        code.insecureUrl().ifPresent(url -> {
            throw new RefusedException("INSECURE_URL", "the invitation code names " + url + ": the agent talks to the public "
                    + "side over https only (plain http only on this machine's loopback)");
        });
        LOG.infof("redeeming the invitation to connection '%s' from '%s' at %s", code.payload().connectionName(),
                code.payload().initiatorName(), code.payload().invitationApiUrl());
        InvitationApi.RedeemResponse redeemed;
        try {
            redeemed = clients.invitations(code.payload().invitationApiUrl()).redeem(new InvitationApi.RedeemRequest(code.value(),
                    new InvitationApi.AgentIntroduction(config.shortName(), version, config.trackerType())));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                String reason = clients.problemCode(e);
                throw new RefusedException(reason, "the public side refused the invitation code: " + reason);
            }
            throw e;
        }
        Enrollment enrollment = new Enrollment(redeemed.connectionId(), redeemed.connectionName(), redeemed.initiatorName(),
                redeemed.credentials().agentId(), redeemed.credentials().agentSecret(), redeemed.endpoints().connectionApi(),
                redeemed.endpoints().invitationApi(), Instant.now());
        store.save(enrollment);
        LOG.infof("enrolled in connection '%s' (%s) as '%s'", enrollment.connectionName(), enrollment.connectionId(), config.shortName());
        return enrollment;
    }
}
