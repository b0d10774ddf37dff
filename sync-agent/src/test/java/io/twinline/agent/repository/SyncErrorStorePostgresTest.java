package io.twinline.agent.repository;

import io.twinline.testkit.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.concurrent.atomic.AtomicInteger;

/** The same ledger tests on PostgreSQL, the agent's other store (the migrations must hold on both). */
class SyncErrorStorePostgresTest extends SyncErrorStoreTest {

    private static Postgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() {
        postgres = Postgres.forTests();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    protected javax.sql.DataSource freshDatabase() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(postgres.createDatabase("agent_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid()));
        pg.setUser(postgres.user());
        pg.setPassword(postgres.password());
        return pg;
    }
}
