package io.twinline.connectors.freshdesk;

import io.twinline.connectors.http.RetryPolicy;
import io.twinline.connectors.http.Sleeper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link FreshdeskConnector} needs. Build with {@link #builder(String, String)}; defaults suit
 * production. {@link #toString()} never shows the API key.
 *
 * @param baseUrl               {@code https://<domain>.freshdesk.com} (no {@code /api/v2})
 * @param apiKey                the agent's API key (Basic auth user name, password {@code X})
 * @param rateBudgetPerMinute   credits per minute this connector may spend; 0 = the account's whole
 *                              {@code X-RateLimit-Total}. Set lower when other clients share the account.
 * @param endpointBudgets       requests per minute for Freshdesk's per-endpoint buckets ({@link #TICKET_CREATE},
 *                              {@link #TICKET_UPDATE}, {@link #TICKETS_LIST}, {@link #CONTACTS_LIST}) as the plan sets
 *                              them; the headers do not report these, so they are configured
 * @param pollOverlap           how far before the watermark each poll re-reads (commit delays, clock skew)
 * @param pageSize              tickets per listing page (1-100)
 * @param defaultRequesterEmail requester for tickets created without a reporter (Freshdesk needs one)
 * @param twinMarkerField       custom field ({@code cf_…}) that holds the twin id; null = a {@code twinline-<id>} tag
 * @param retry                 attempts, back-off, timeouts
 * @param clock                 source of time for pacing (tests share the simulator's)
 * @param sleeper               how to wait (tests advance a clock instead)
 */
public record FreshdeskConfig(URI baseUrl, String apiKey, int rateBudgetPerMinute, Map<String, Integer> endpointBudgets,
                              Duration pollOverlap, int pageSize, String defaultRequesterEmail, String twinMarkerField,
                              RetryPolicy retry, Clock clock, Sleeper sleeper) {

    /** Names of Freshdesk's per-endpoint buckets, for {@link Builder#endpointBudget(String, int)}. */
    public static final String TICKET_CREATE = "ticketCreate";
    public static final String TICKET_UPDATE = "ticketUpdate";
    public static final String TICKETS_LIST = "ticketsList";
    public static final String CONTACTS_LIST = "contactsList";

    public FreshdeskConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("a Freshdesk API key is required");
        }
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("pageSize must be between 1 and 100 (Freshdesk's per_page limit)");
        }
        endpointBudgets = endpointBudgets == null ? Map.of() : Map.copyOf(endpointBudgets);
        for (String k : endpointBudgets.keySet()) {
            if (!java.util.Set.of(TICKET_CREATE, TICKET_UPDATE, TICKETS_LIST, CONTACTS_LIST).contains(k)) {
                throw new IllegalArgumentException("unknown Freshdesk endpoint bucket '" + k + "'");
            }
        }
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    public static Builder builder(String baseUrl, String apiKey) {
        return new Builder(URI.create(baseUrl), apiKey);
    }

    @Override
    public String toString() {
        return "FreshdeskConfig[baseUrl=" + baseUrl + ", apiKey=***, rateBudgetPerMinute=" + rateBudgetPerMinute
                + ", endpointBudgets=" + endpointBudgets
                + ", pollOverlap=" + pollOverlap + ", pageSize=" + pageSize + ", twinMarkerField=" + twinMarkerField + "]";
    }

    public static final class Builder {
        private final URI baseUrl;
        private final String apiKey;
        private int rateBudgetPerMinute;
        private final Map<String, Integer> endpointBudgets = new java.util.HashMap<>();
        private Duration pollOverlap = Duration.ofSeconds(60);
        private int pageSize = 100;
        private String defaultRequesterEmail = "twinline@localhost.invalid";
        private String twinMarkerField;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;

        private Builder(URI baseUrl, String apiKey) {
            this.baseUrl = baseUrl;
            this.apiKey = apiKey;
        }

        public Builder rateBudgetPerMinute(int v) {
            this.rateBudgetPerMinute = v;
            return this;
        }

        public Builder endpointBudget(String bucket, int perMinute) {
            this.endpointBudgets.put(bucket, perMinute);
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

        public Builder defaultRequesterEmail(String v) {
            this.defaultRequesterEmail = v;
            return this;
        }

        public Builder twinMarkerField(String v) {
            this.twinMarkerField = v;
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

        public FreshdeskConfig build() {
            return new FreshdeskConfig(baseUrl, apiKey, rateBudgetPerMinute, endpointBudgets, pollOverlap, pageSize, defaultRequesterEmail,
                    twinMarkerField, retry, clock, sleeper);
        }
    }
}
