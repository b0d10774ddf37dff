package io.twinline.invitation.service;

import io.twinline.support.attempts.FailedAttempts;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Redemption behind the brute-force guard: an address that keeps presenting wrong codes is made to wait, doubling
 * each time, and refused with 429 while it waits.
 */
@ApplicationScoped
public class RedemptionGate {

    private final InvitationService invitations;
    private final FailedAttempts attempts;

    public RedemptionGate(InvitationService invitations, FailedAttempts attempts) {
        this.invitations = invitations;
        this.attempts = attempts;
    }

    public InvitationService.Redemption redeem(String address, String code, InvitationService.AgentIntroduction agent) {
        String key = "redeem-from:" + address;
        attempts.check(key);
        try {
            InvitationService.Redemption redemption = invitations.redeem(code, agent);
            attempts.succeeded(key);
            return redemption;
        } catch (ProblemException refused) {
            attempts.failed(key);
            throw refused;
        }
    }
}
