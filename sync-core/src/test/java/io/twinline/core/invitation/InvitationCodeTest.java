package io.twinline.core.invitation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvitationCodeTest {

    private static InvitationCode.Payload payload() {
        return new InvitationCode.Payload(2, UUID.randomUUID(), UUID.randomUUID(), "acme-to-partner", "acme",
                "https://twinline.acme.example", "https://invite.acme.example",
                Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void roundTripKeepsPayloadAndSecret() {
        InvitationCode minted = InvitationCode.mint(payload());
        InvitationCode parsed = InvitationCode.parse("  " + minted.value() + "\n");

        assertThat(parsed.payload()).isEqualTo(minted.payload());
        assertThat(parsed.secretHash()).isEqualTo(minted.secretHash());
        assertThat(parsed.payloadHash()).isEqualTo(minted.payloadHash());
        assertThat(minted.value()).matches("tl2\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(parsed.sealIntact()).isTrue();
    }

    @Test
    void everyCodeHasItsOwnSecret() {
        InvitationCode.Payload p = payload();
        assertThat(InvitationCode.mint(p).secretHash()).isNotEqualTo(InvitationCode.mint(p).secretHash());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        InvitationCode code = InvitationCode.mint(payload());
        String secretPart = code.value().split("\\.")[2];
        assertThat(code.toString()).doesNotContain(secretPart);
    }

    @Test
    void editedPayloadKeepsSecretButChangesPayloadHash() {
        InvitationCode code = InvitationCode.mint(payload());
        String[] parts = code.value().split("\\.");
        String json = new String(Base64.getUrlDecoder().decode(parts[1]));
        String edited = json.replace("2026-11-26", "2099-11-26");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes()) + "."
                + parts[2] + "." + parts[3];

        InvitationCode parsed = InvitationCode.parse(tampered);
        assertThat(parsed.secretHash()).isEqualTo(code.secretHash());
        assertThat(parsed.payloadHash()).isNotEqualTo(code.payloadHash());
        // The seal (HMAC of the payload keyed with the secret) shows the edit to the partner's agent.
        assertThat(parsed.sealIntact()).isFalse();
        // So does a seal from another code.
        String otherSeal = InvitationCode.mint(payload()).value().split("\\.")[3];
        assertThat(InvitationCode.parse(parts[0] + "." + parts[1] + "." + parts[2] + "." + otherSeal).sealIntact()).isFalse();
    }

    @Test
    void plainHttpIsAcceptedOnlyOnLoopback() {
        InvitationCode.Payload secure = payload();
        assertThat(InvitationCode.mint(secure).insecureUrl()).isEmpty();
        InvitationCode.Payload local = new InvitationCode.Payload(2, UUID.randomUUID(), UUID.randomUUID(), "c", "acme",
                "http://127.0.0.1:8080", "http://localhost:8081", Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(InvitationCode.mint(local).insecureUrl()).isEmpty();
        InvitationCode.Payload plain = new InvitationCode.Payload(2, UUID.randomUUID(), UUID.randomUUID(), "c", "acme",
                "https://twinline.acme.example", "http://invite.acme.example", Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(InvitationCode.mint(plain).insecureUrl()).contains("http://invite.acme.example");
        assertThat(SecureUrls.acceptable("http://127.0.0.1.evil.example")).isFalse();
        assertThat(SecureUrls.acceptable("ftp://localhost")).isFalse();
    }

    @Test
    void malformedCodesAreRefusedWithAReason() {
        String good = InvitationCode.mint(payload()).value();
        assertThatThrownBy(() -> InvitationCode.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> InvitationCode.parse("hello")).hasMessageContaining("four parts");
        assertThatThrownBy(() -> InvitationCode.parse("tl9." + good.substring(4))).hasMessageContaining("unknown invitation code format");
        assertThatThrownBy(() -> InvitationCode.parse(good + "!")).hasMessageContaining("base64url");
        String[] p = good.split("\\.");
        assertThatThrownBy(() -> InvitationCode.parse(p[0] + "." + p[1] + "." + p[2].substring(5) + "." + p[3]))
                .hasMessageContaining("secret has the wrong length");
        assertThatThrownBy(() -> InvitationCode.parse("tl2.bm90IGpzb24." + p[2] + "." + p[3]))
                .hasMessageContaining("payload cannot be read");
        assertThatThrownBy(() -> InvitationCode.parse("tl2.e30." + p[2] + "." + p[3]))
                .isInstanceOf(MalformedInvitationCodeException.class);
    }
}
