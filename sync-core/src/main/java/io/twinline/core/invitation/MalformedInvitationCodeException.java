package io.twinline.core.invitation;

/** The text given as an invitation code is not one: its message says what is wrong, never anything secret. */
public class MalformedInvitationCodeException extends IllegalArgumentException {
    public MalformedInvitationCodeException(String message) {
        super(message);
    }
}
