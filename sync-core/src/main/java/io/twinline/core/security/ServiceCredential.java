package io.twinline.core.security;

/**
 * The public side's service credential: a workload inside the public network (connection-service calling
 * invitation-service, the public agent calling connection-service) sends it on every {@code /internal} call.
 */
public final class ServiceCredential {

    /** The request header that carries the receiving service's token. */
    public static final String HEADER = "X-Twinline-Service-Token";

    private ServiceCredential() {
    }
}
