package io.twinline.connectors.jira;

import io.twinline.connectors.http.RetryPolicy;
import io.twinline.connectors.http.Sleeper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Everything a {@link JiraConnector} needs. Build with {@link #basic} or {@link #token}; defaults suit
 * production. {@link #toString()} never shows the password or token.
 *
 * @param baseUrl         Jira's base URL, with its context path if any ({@code https://host/jira})
 * @param username        Basic auth user (null with a token)
 * @param password        Basic auth password (null with a token)
 * @param token           personal access token, sent as {@code Bearer} (null with Basic auth)
 * @param pollScope       JQL that bounds polling, e.g. {@code project = ABC}; null = every issue the user sees
 * @param pollOverlap     how far before the watermark each poll re-reads (JQL has minute precision; ≥ 1 min)
 * @param pageSize        issues per search page (Jira clamps it to its own maximum)
 * @param jqlZone         the sync user's time zone, in which Jira reads JQL dates (give the user UTC)
 * @param defaultProject  project for tickets created without {@code projectKey}
 * @param defaultIssueType issue type for tickets created without one
 * @param internalVisibilityType  {@code role} or {@code group}: how internal comments are restricted
 * @param internalVisibilityValue the role or group name
 * @param twinMarkerProperty      issue property key that holds the twin marker ({@code {"twinId": …}});
 *                                null (default) = a {@code twinline-<twinId>} label. See the README's caveats.
 */
public record JiraConfig(URI baseUrl, String username, String password, String token, String pollScope,
                         Duration pollOverlap, int pageSize, ZoneId jqlZone, String defaultProject, String defaultIssueType,
                         String internalVisibilityType, String internalVisibilityValue, String twinMarkerProperty,
                         RetryPolicy retry, Clock clock, Sleeper sleeper) {

    public JiraConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        boolean basic = username != null && !username.isBlank() && password != null;
        boolean bearer = token != null && !token.isBlank();
        if (basic == bearer) {
            throw new IllegalArgumentException("give either a username and password or a personal access token");
        }
        if (pollOverlap.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("pollOverlap must be at least one minute: JQL dates have minute precision");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        if (!"role".equals(internalVisibilityType) && !"group".equals(internalVisibilityType)) {
            throw new IllegalArgumentException("internalVisibilityType must be 'role' or 'group'");
        }
        if (pollScope != null && pollScope.toLowerCase(java.util.Locale.ROOT).contains("order by")) {
            throw new IllegalArgumentException("pollScope is a JQL condition without ORDER BY: polling sets its own order");
        }
        if (twinMarkerProperty != null && !twinMarkerProperty.matches("[A-Za-z0-9._-]{1,255}")) {
            throw new IllegalArgumentException("twinMarkerProperty must be a plain property key");
        }
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    public static Builder basic(String baseUrl, String username, String password) {
        return new Builder(URI.create(baseUrl), username, password, null);
    }

    public static Builder token(String baseUrl, String token) {
        return new Builder(URI.create(baseUrl), null, null, token);
    }

    @Override
    public String toString() {
        return "JiraConfig[baseUrl=" + baseUrl + ", auth=" + (token != null ? "token ***" : "basic " + username + ":***")
                + ", pollScope=" + pollScope + ", pollOverlap=" + pollOverlap + ", pageSize=" + pageSize + ", jqlZone=" + jqlZone + "]";
    }

    public static final class Builder {
        private final URI baseUrl;
        private final String username;
        private final String password;
        private final String token;
        private String pollScope;
        private Duration pollOverlap = Duration.ofMinutes(1);
        private int pageSize = 100;
        private ZoneId jqlZone = ZoneOffset.UTC;
        private String defaultProject;
        private String defaultIssueType = "Task";
        private String internalVisibilityType = "role";
        private String internalVisibilityValue = "Developers";
        private String twinMarkerProperty;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;

        private Builder(URI baseUrl, String username, String password, String token) {
            this.baseUrl = baseUrl;
            this.username = username;
            this.password = password;
            this.token = token;
        }

        public Builder pollScope(String v) {
            this.pollScope = v;
            return this;
        }

        public Builder pollOverlap(Duration v) {
            this.pollOverlap = v;
            return this;
        }

        public Builder pageSize(int v) {
            this.pageSize = v;
            return this;
        }

        public Builder jqlZone(ZoneId v) {
            this.jqlZone = v;
            return this;
        }

        public Builder defaultProject(String v) {
            this.defaultProject = v;
            return this;
        }

        public Builder defaultIssueType(String v) {
            this.defaultIssueType = v;
            return this;
        }

        public Builder internalVisibility(String type, String value) {
            this.internalVisibilityType = type;
            this.internalVisibilityValue = value;
            return this;
        }

        public Builder twinMarkerProperty(String v) {
            this.twinMarkerProperty = v;
            return this;
        }

        public Builder retry(RetryPolicy v) {
            this.retry = v;
            return this;
        }

        public Builder clock(Clock v) {
            this.clock = v;
            return this;
        }

        public Builder sleeper(Sleeper v) {
            this.sleeper = v;
            return this;
        }

        public JiraConfig build() {
            return new JiraConfig(baseUrl, username, password, token, pollScope, pollOverlap, pageSize, jqlZone, defaultProject,
                    defaultIssueType, internalVisibilityType, internalVisibilityValue, twinMarkerProperty, retry, clock, sleeper);
        }
    }
}
