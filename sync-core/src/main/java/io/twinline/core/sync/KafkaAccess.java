package io.twinline.core.sync;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.HashMap;
import java.util.Map;

/**
 * What a private agent needs to consume its connection's to-private topic: handed out over the agent's authenticated
 * edge with every access token, never put into an invitation code. The password is derived on the public side (it is
 * stored nowhere); the CA is the partner listener's trust anchor in PEM.
 *
 * @param bootstrap        the partner listener, {@code host:port[,host:port]}
 * @param securityProtocol {@code SASL_SSL} (or what the public side's configuration says)
 * @param saslMechanism    {@code SCRAM-SHA-512}
 * @param username         the agent's Kafka identity
 * @param password         its SCRAM password
 * @param caPem            the CA certificate(s) the listener's certificate chains to (PEM); null to use the JVM's trust store
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaAccess(String bootstrap, String securityProtocol, String saslMechanism, String username, String password,
                          String caPem) {

    /** Kafka client properties for these settings (bootstrap, security protocol, SASL/SCRAM login, PEM trust store). */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        if (securityProtocol != null) {
            props.put("security.protocol", securityProtocol);
        }
        if (saslMechanism != null && username != null) {
            props.put("sasl.mechanism", saslMechanism);
            props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + jaasQuoted(username) + "\" password=\"" + jaasQuoted(password) + "\";");
        }
        if (caPem != null && !caPem.isBlank()) {
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.certificates", caPem);
        }
        return props;
    }

    private static String jaasQuoted(String value) {
        if (value == null || value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("a SCRAM username or password may not contain quotes or backslashes");
        }
        return value;
    }

    @Override
    public String toString() {
        // Never print the password.
        return "KafkaAccess[" + bootstrap + ", " + securityProtocol + ", " + saslMechanism + ", " + username + "]";
    }
}
