package io.twinline.core.invitation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvitationCodeTest {

    private static InvitationCode.Payload payload() {
        return new InvitationCode.Payload(1, UUID.randomUUID(), UUID.randomUUID(), "acme-to-partner", "acme",
                "https://twinline.acme.example", "https://invite.acme.example", "kafka.acme.example:9093",
                Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void roundTripKeepsPayloadAndSecret() {
        InvitationCode minted = InvitationCode.mint(payload());
        InvitationCode parsed = InvitationCode.parse("  " + minted.value() + "\n");

        assertThat(parsed.payload()).isEqualTo(minted.payload());
        assertThat(parsed.secretHash()).isEqualTo(minted.secretHash());
        assertThat(parsed.payloadHash()).isEqualTo(minted.payloadHash());
        assertThat(minted.value()).matches("tl1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void everyCodeHasItsOwnSecret() {
        InvitationCode.Payload p = payload();
        assertThat(InvitationCode.mint(p).secretHash()).isNotEqualTo(InvitationCode.mint(p).secretHash());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        InvitationCode code = InvitationCode.mint(payload());
        String secretPart = code.value().substring(code.value().lastIndexOf('.') + 1);
        assertThat(code.toString()).doesNotContain(secretPart);
    }

    @Test
    void editedPayloadKeepsSecretButChangesPayloadHash() {
        InvitationCode code = InvitationCode.mint(payload());
        String[] parts = code.value().split("\\.");
        String json = new String(Base64.getUrlDecoder().decode(parts[1]));
        String edited = json.replace("2026-11-26", "2099-11-26");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes()) + "." + parts[2];

        InvitationCode parsed = InvitationCode.parse(tampered);
        assertThat(parsed.secretHash()).isEqualTo(code.secretHash());
        assertThat(parsed.payloadHash()).isNotEqualTo(code.payloadHash());
    }

    @Test
    void malformedCodesAreRefusedWithAReason() {
        String good = InvitationCode.mint(payload()).value();
        assertThatThrownBy(() -> InvitationCode.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> InvitationCode.parse("hello")).hasMessageContaining("three parts");
        assertThatThrownBy(() -> InvitationCode.parse("tl9." + good.substring(4))).hasMessageContaining("unknown invitation code format");
        assertThatThrownBy(() -> InvitationCode.parse(good + "!")).hasMessageContaining("base64url");
        assertThatThrownBy(() -> InvitationCode.parse(good.substring(0, good.length() - 5))).hasMessageContaining("secret has the wrong length");
        assertThatThrownBy(() -> InvitationCode.parse("tl1.bm90IGpzb24." + good.substring(good.lastIndexOf('.') + 1)))
                .hasMessageContaining("payload cannot be read");
        assertThatThrownBy(() -> InvitationCode.parse("tl1.e30." + good.substring(good.lastIndexOf('.') + 1)))
                .isInstanceOf(MalformedInvitationCodeException.class);
    }
}
