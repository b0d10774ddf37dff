package io.twinline.agent.sync;

import io.twinline.agent.repository.Enrollment;
import io.twinline.agent.service.EdgeSession;
import io.twinline.core.replica.ReplicaEnvelope;

/** The private agent sends its replicas over HTTPS to connection-service, which puts them on the to-public topic. */
public class EdgeReplicaTransport implements ReplicaTransport {

    private final EdgeSession session;
    private final Enrollment enrollment;

    public EdgeReplicaTransport(EdgeSession session, Enrollment enrollment) {
        this.session = session;
        this.enrollment = enrollment;
    }

    @Override
    public void send(ReplicaEnvelope envelope) {
        session.sendReplica(enrollment, envelope.toJson());
    }
}
