package io.twinline.agent.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.twinline.agent.config.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The agent's own database: the embedded H2 file or PostgreSQL ({@code twinline.agent.store}). Repositories use
 * plain JDBC on it rather than Panache: the statements are few, and plain SQL stays portable between the two.
 * Statements auto-commit, except inside {@link #inUnitOfWork(Runnable)}, where every statement of the thread shares one
 * transaction.
 */
@ApplicationScoped
public class AgentStore {

    private final javax.sql.DataSource dataSource;
    private final ThreadLocal<Connection> unitOfWork = new ThreadLocal<>();

    @Inject
    public AgentStore(@Any Instance<AgroalDataSource> dataSources, AgentConfig config) {
        // Only the store's datasource is active (AgentStoreConfigSource); touching the other one would fail.
        this.dataSource = "postgresql".equalsIgnoreCase(config.store().strip())
                ? dataSources.select(new DataSource.DataSourceLiteral("postgresql")).get()
                : dataSources.select(Default.Literal.INSTANCE).get();
    }

    /** On a plain data source (tests of the repositories). */
    public AgentStore(javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Connection connection() throws SQLException {
        Connection shared = unitOfWork.get();
        if (shared == null) {
            return dataSource.getConnection();
        }
        // Inside a unit of work the repositories' try-with-resources must not close the shared connection.
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if ("close".equals(method.getName())) {
                        return null;
                    }
                    try {
                        return method.invoke(shared, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Runs {@code work} as one transaction: either every statement it made is committed, or (it threw, the process
     * died) none is. Nested calls join the outer unit.
     */
    public void inUnitOfWork(Runnable work) {
        if (unitOfWork.get() != null) {
            work.run();
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            unitOfWork.set(connection);
            try {
                work.run();
                connection.commit();
            } catch (RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                unitOfWork.remove();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the agent's store failed: " + e.getMessage(), e);
        }
    }
}
