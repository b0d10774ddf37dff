package io.twinline.connection.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** What a {@code Bearer} header carried, once it is known to be an operator key or an agent token. */
public final class BearerCredential {

    private BearerCredential() {
    }

    /** An operator's API key ({@code twk_…}). */
    public static final class OperatorKeyRequest extends BaseAuthenticationRequest {
        private final String key;

        public OperatorKeyRequest(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** An agent access token this service signed (HS256). */
    public static final class AgentTokenRequest extends BaseAuthenticationRequest {
        private final String token;

        public AgentTokenRequest(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }
}
