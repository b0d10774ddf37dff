package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Requests;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Who may call: Basic users with their passwords, the personal access token, and the CAPTCHA lock-out after
 * consecutive failed Basic logins. Thread-safe on its own (it is checked before a handler takes the API's lock).
 */
final class JiraLogin {

    static final String UNAUTHENTICATED = "You are not authenticated. Authentication required to perform this operation.";

    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, Integer> failedLogins = new HashMap<>();
    private int captchaThreshold;

    synchronized void reset() {
        passwords.clear();
        failedLogins.clear();
        captchaThreshold = 3;
        passwords.put("admin", "admin");
        passwords.put("jdoe", "jdoe");
    }

    synchronized void setCaptchaThreshold(int n) {
        this.captchaThreshold = n;
    }

    synchronized void resetFailedLogins() {
        failedLogins.clear();
    }

    synchronized void writeSettings(ObjectNode o) {
        o.put("captchaThreshold", captchaThreshold);
        ObjectNode f = o.putObject("failedLogins");
        failedLogins.forEach(f::put);
    }

    /** Puts the user into the context, or writes the refusal and returns false. */
    boolean authenticate(RoutingContext ctx, String baseUrl) {
        String auth = ctx.request().getHeader("Authorization");
        if (auth == null || auth.isBlank()) {
            JiraApi.error(ctx, 401, UNAUTHENTICATED);
            return false;
        }
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (JiraApi.TOKEN.equals(auth.substring(7).trim())) {
                ctx.put("user", "admin");
                return true;
            }
            ctx.response().putHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
            JiraApi.error(ctx, 401, UNAUTHENTICATED);
            return false;
        }
        Requests.Credentials basic = Requests.basic(auth);
        if (basic == null) {
            JiraApi.error(ctx, 401, UNAUTHENTICATED);
            return false;
        }
        synchronized (this) {
            if (captchaThreshold > 0 && failedLogins.getOrDefault(basic.user(), 0) >= captchaThreshold) {
                // Locked out: the password is not even checked, and the answer is not JSON.
                ctx.response().setStatusCode(403)
                        .putHeader("X-Seraph-LoginReason", "AUTHENTICATION_DENIED")
                        .putHeader("X-Authentication-Denied-Reason", "CAPTCHA_CHALLENGE; login-url=" + baseUrl + "/login.jsp")
                        .putHeader("Content-Type", "text/html;charset=UTF-8")
                        .end("<html><body><h1>Forbidden</h1><p>CAPTCHA required: log in through the web UI.</p></body></html>");
                return false;
            }
            if (basic.password() != null && basic.password().equals(passwords.get(basic.user()))) {
                failedLogins.remove(basic.user());
                ctx.put("user", basic.user());
                return true;
            }
            failedLogins.merge(basic.user(), 1, Integer::sum);
        }
        ctx.response().putHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
        JiraApi.error(ctx, 401, UNAUTHENTICATED);
        return false;
    }
}
