package io.twinline.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL of {@code deploy/local/up}: {@code LocalPostgres DATA_DIR PORT} runs an embedded server on 127.0.0.1
 * until the process is stopped, keeping its data between runs.
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LocalPostgres DATA_DIR PORT");
            System.exit(64);
        }
        Path dataDir = Path.of(args[0]);
        Files.createDirectories(dataDir);
        Postgres postgres = Postgres.persistent(dataDir, Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }));
        System.out.println("PostgreSQL ready at " + postgres.jdbcUrl());
        stopped.await();
    }
}
