package io.twinline.agent.health;

import io.twinline.agent.repository.Enrollment;
import io.twinline.agent.service.AgentLifecycle;
import io.twinline.agent.sync.SyncService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once enrolled, the public side accepted the latest heartbeat, and (when syncing) the tracker was read once. */
@Readiness
@ApplicationScoped
public class PublicSideReadiness implements HealthCheck {

    private final AgentLifecycle lifecycle;
    private final SyncService sync;

    public PublicSideReadiness(AgentLifecycle lifecycle, SyncService sync) {
        this.lifecycle = lifecycle;
        this.sync = sync;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("public side");
        Enrollment enrollment = lifecycle.enrollment();
        if (enrollment != null) {
            response.withData("connection", enrollment.connectionName()).withData("connectionId", enrollment.connectionId().toString());
        }
        if (lifecycle.lastHeartbeat() != null) {
            response.withData("lastHeartbeat", lifecycle.lastHeartbeat().toString());
        }
        String problem = lifecycle.problem();
        if (problem != null) {
            response.withData("problem", problem);
        }
        boolean configuredPublic = lifecycle.isPublicSide();
        response.withData("syncing", sync.ready() && sync.enabled());
        if (sync.enabled()) {
            response.withData("consuming", sync.consumerRunning());
        }
        return response.status((enrollment != null || configuredPublic) && problem == null && sync.ready()).build();
    }
}
