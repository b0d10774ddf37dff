package io.twinline.invitation.service;

import jakarta.ws.rs.core.Response.Status;

/** Why a code was not accepted. Each reason says nothing about other connections or invitations. */
public enum RedemptionRefusal {
    MALFORMED(Status.BAD_REQUEST, "the text is not an invitation code"),
    UNKNOWN(Status.NOT_FOUND, "no invitation matches this code"),
    TAMPERED(Status.BAD_REQUEST, "the code was altered after it was issued; ask the initiator for a fresh copy"),
    REVOKED(Status.GONE, "this invitation was revoked; ask the initiator for a new code"),
    USED(Status.CONFLICT, "this invitation was already redeemed; a code works once"),
    EXPIRED(Status.GONE, "this invitation has expired; ask the initiator for a new code");

    public final Status status;
    public final String detail;

    RedemptionRefusal(Status status, String detail) {
        this.status = status;
        this.detail = detail;
    }
}
