package io.twinline.agent.service;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.twinline.agent.config.AgentConfig;
import io.twinline.agent.repository.Enrollment;
import io.twinline.agent.sync.SyncService;
import io.twinline.core.model.Side;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives the agent: enroll (once), then keep the session with the public side alive. Every request is initiated
 * here, from the partner's network; the agent listens for nothing but its own health endpoint.
 */
@ApplicationScoped
public class AgentLifecycle {

    /** Exit code when the public side refused this agent for good (bad, used or expired code). */
    public static final int EXIT_REFUSED = 2;

    private static final Logger LOG = Logger.getLogger(AgentLifecycle.class);

    private final EnrollmentService enrollments;
    private final EdgeSession session;
    private final SyncService sync;
    private final AgentConfig config;
    private final AtomicReference<Enrollment> enrollment = new AtomicReference<>();
    private final AtomicReference<String> problem = new AtomicReference<>("starting");
    private ScheduledExecutorService worker;
    private Duration retryDelay = Duration.ofSeconds(1);

    public AgentLifecycle(EnrollmentService enrollments, EdgeSession session, SyncService sync, AgentConfig config) {
        this.enrollments = enrollments;
        this.session = session;
        this.sync = sync;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "twinline-agent"));
        if (config.side() == Side.PUBLIC) {
            // The public agent runs inside the public network: configured, not invited.
            problem.set(null);
            worker.execute(() -> startSync(sync::startPublic));
            return;
        }
        worker.execute(this::enrollStep);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    public Enrollment enrollment() {
        return enrollment.get();
    }

    /** Null when all is well, else what keeps the agent from working. */
    public String problem() {
        return problem.get();
    }

    private void enrollStep() {
        try {
            Enrollment enrolled = enrollments.enroll();
            enrollment.set(enrolled);
            retryDelay = Duration.ofSeconds(1);
            worker.execute(this::heartbeatStep);
        } catch (RefusedException e) {
            LOG.errorf("%s", e.getMessage());
            problem.set(e.getMessage());
            Quarkus.asyncExit(EXIT_REFUSED);
        } catch (ProcessingException | WebApplicationException e) {
            retry(this::enrollStep, "the invitation service cannot be reached", e);
        }
    }

    private void heartbeatStep() {
        Enrollment enrolled = enrollment.get();
        try {
            session.heartbeat(enrolled);
            problem.set(null);
            startSync(() -> sync.startPrivate(enrolled));
            retryDelay = Duration.ofSeconds(1);
            worker.schedule(this::heartbeatStep, config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RefusedException e) {
            if (EdgeSession.CREDENTIALS_REVOKED.equals(e.reason())) {
                LOG.errorf("stopping: %s", e.getMessage());
                problem.set(e.getMessage());
                Quarkus.asyncExit(EXIT_REFUSED);
                return;
            }
            // Right after redemption connection-service may not know the credentials yet; after deletion it never will.
            retry(this::heartbeatStep, e.getMessage(), null);
        } catch (ProcessingException | WebApplicationException e) {
            retry(this::heartbeatStep, "connection-service cannot be reached", e);
        }
    }

    private void startSync(Runnable start) {
        try {
            start.run();
        } catch (RuntimeException e) {
            LOG.errorf("the sync could not start: %s", e.getMessage());
            problem.set("sync not started: " + e.getMessage());
        }
    }

    private void retry(Runnable step, String what, Exception cause) {
        String detail = cause == null ? what : what + " (" + cause.getMessage() + ")";
        problem.set(detail);
        LOG.warnf("%s; retrying in %d ms", detail, retryDelay.toMillis());
        worker.schedule(step, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        Duration doubled = retryDelay.multipliedBy(2);
        retryDelay = doubled.compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : doubled;
    }

    public boolean isPublicSide() {
        return config.side() == Side.PUBLIC;
    }

    /** When the last heartbeat was accepted, or null. */
    public Instant lastHeartbeat() {
        return session.lastHeartbeat();
    }
}
