package io.twinline.connection.security;

import io.twinline.core.digest.Sha256;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.twinline.connection.config.ConnectionConfig;
import io.twinline.core.invitation.InvitationCode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The keys of agent access tokens. Tokens are signed with the current key and carry its key id ({@code kid}, derived
 * from the key itself); they are verified with the current key or any previous one still configured, so a new key
 * can be rolled out without failing a single agent call: old tokens stay valid until they expire.
 */
@ApplicationScoped
public class AgentTokenKeys {

    public static final String CONNECTION_CLAIM = "cid";
    static final int MIN_KEY_BYTES = 32;

    private final ConnectionConfig.AgentTokens config;
    private final SecretKey current;
    private final String currentId;
    private final Map<String, SecretKey> verificationKeys = new LinkedHashMap<>();
    private final JwtConsumer consumer;

    public AgentTokenKeys(ConnectionConfig config) {
        this.config = config.agentTokens();
        this.current = key(this.config.signingKey(), "twinline.connection.agent-tokens.signing-key");
        this.currentId = keyId(current);
        verificationKeys.put(currentId, current);
        for (String previous : this.config.previousKeys().orElse(List.of())) {
            SecretKey key = key(previous, "twinline.connection.agent-tokens.previous-keys");
            verificationKeys.putIfAbsent(keyId(key), key);
        }
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(this.config.issuer())
                .setAllowedClockSkewInSeconds(30)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setVerificationKeyResolver((jws, nested) -> {
                    String kid = jws.getKeyIdHeaderValue();
                    // Tokens from before key ids were introduced carry none: they can only be the current key's.
                    SecretKey key = kid == null ? current : verificationKeys.get(kid);
                    if (key == null) {
                        throw new UnresolvableKeyException("unknown key id");
                    }
                    return key;
                })
                .build();
    }

    /** The id of the key new tokens are signed with. */
    public String currentKeyId() {
        return currentId;
    }

    public Set<String> verificationKeyIds() {
        return verificationKeys.keySet();
    }

    public String sign(String agentId, UUID connectionId) {
        return Jwt.issuer(config.issuer())
                .subject(agentId)
                .groups(Set.of(Roles.AGENT))
                .claim(CONNECTION_CLAIM, connectionId.toString())
                .expiresIn(config.lifetime())
                .jws().keyId(currentId).algorithm(SignatureAlgorithm.HS256)
                .sign(current);
    }

    /** The agent a token speaks for, when its signature, issuer and expiry hold. */
    public Optional<AgentPrincipal> verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Object cid = claims.getClaimValue(CONNECTION_CLAIM);
            List<String> groups = claims.getStringListClaimValue("groups");
            if (!(cid instanceof String connection) || groups == null || !groups.contains(Roles.AGENT)) {
                return Optional.empty();
            }
            return Optional.of(new AgentPrincipal(claims.getSubject(), UUID.fromString(connection)));
        } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SecretKey key(String base64Url, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(base64Url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64url");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(setting + " must hold at least 256 bits");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** A key's id: a short digest of the key, so that it needs no setting of its own and reveals nothing. */
    static String keyId(SecretKey key) {
        return "k" + Sha256.hex(key.getEncoded()).substring(0, 16);
    }
}
