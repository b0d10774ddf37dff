package io.twinline.connection.security;

/** Who may do what on connection-service. */
public final class Roles {

    /** Reads connections, rules, twins, the sync queue, errors and the audit log. */
    public static final String VIEWER = "viewer";

    /** Everything a viewer may, and every change. */
    public static final String OPERATOR = "operator";

    /** A connection's agent on the agent edge (scoped to its connection by its token). */
    public static final String AGENT = "agent";

    private Roles() {
    }

    public static boolean isOperatorRole(String role) {
        return VIEWER.equals(role) || OPERATOR.equals(role);
    }
}
