package io.twinline.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL for tests and the local run: the server binaries come from Maven (zonky), no container engine or
 * installed server needed. Set {@value #URL_ENV} (plus {@value #USER_ENV} and {@value #PASSWORD_ENV}) to use an
 * existing PostgreSQL instead.
 */
public final class Postgres implements AutoCloseable {

    public static final String URL_ENV = "TWINLINE_TEST_POSTGRES_URL";
    public static final String USER_ENV = "TWINLINE_TEST_POSTGRES_USER";
    public static final String PASSWORD_ENV = "TWINLINE_TEST_POSTGRES_PASSWORD";

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private Postgres(EmbeddedPostgres embedded, String jdbcUrl, String user, String password) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The PostgreSQL named by {@value #URL_ENV}, or else a fresh embedded one on a free port, removed on close. */
    public static Postgres forTests() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            return new Postgres(null, url, envOr(USER_ENV, "postgres"), envOr(PASSWORD_ENV, "postgres"));
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new Postgres(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /** An embedded PostgreSQL on 127.0.0.1:{@code port} keeping its data in {@code dataDirectory} across restarts. */
    public static Postgres persistent(Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        return new Postgres(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Creates a database of its own (for one agent, say) and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, user, password);
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        java.util.regex.Matcher url = java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$").matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalStateException("unexpected JDBC URL form: " + jdbcUrl);
        }
        return url.group(1) + name + url.group(3);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
