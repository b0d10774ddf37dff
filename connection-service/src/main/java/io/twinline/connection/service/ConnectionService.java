package io.twinline.connection.service;

import io.twinline.connection.entity.AuditAction;
import io.twinline.connection.client.InvitationClient;
import io.twinline.connection.entity.AgentCredential;
import io.twinline.connection.entity.Connection;
import io.twinline.connection.entity.ConnectionMode;
import io.twinline.connection.entity.ConnectionStatus;
import io.twinline.connection.entity.ConnectionType;
import io.twinline.connection.repository.AgentCredentialRepository;
import io.twinline.connection.repository.ConnectionRepository;
import io.twinline.core.event.ConnectionEvent;
import io.twinline.core.event.InvitationEvent;
import io.twinline.support.outbox.Outbox;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The connection lifecycle: initiate, accept (from the redeemed invitation), deactivate, activate, delete. */
@ApplicationScoped
public class ConnectionService {

    private final AuditService audit;

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    private final ConnectionRepository connections;
    private final AgentCredentialRepository credentials;
    private final InvitationGateway invitations;
    private final Outbox outbox;
    private final PartnerKafkaAccess kafka;

    public ConnectionService(ConnectionRepository connections, AgentCredentialRepository credentials,
                             InvitationGateway invitations, Outbox outbox, PartnerKafkaAccess kafka, AuditService audit) {
        this.audit = audit;
        this.connections = connections;
        this.credentials = credentials;
        this.invitations = invitations;
        this.outbox = outbox;
        this.kafka = kafka;
    }

    public record InitiateCommand(ConnectionType type, ConnectionMode mode, String localName, String remoteName,
                                  String name, String description, String destinationUrl, Long invitationLifetimeSeconds) {
    }

    public record Initiated(Connection connection, String invitationCode) {
    }

    @Transactional
    public Initiated initiate(InitiateCommand command) {
        if (command.type() == ConnectionType.PUBLIC) {
            throw ProblemException.invalidField("type", "PUBLIC connections (both sides reachable) are not available yet; "
                    + "use PRIVATE, where the partner's agent initiates every request");
        }
        if (command.destinationUrl() != null) {
            throw ProblemException.invalidField("destinationUrl", "a PRIVATE connection has no destination URL: the partner's agent connects out");
        }
        if (command.localName().equals(command.remoteName())) {
            throw ProblemException.invalidField("remoteName", "must differ from localName");
        }
        if (connections.nameTaken(command.name())) {
            throw new ProblemException(jakarta.ws.rs.core.Response.Status.CONFLICT, "NAME_TAKEN",
                    "a connection named '" + command.name() + "' exists already",
                    List.of(new io.twinline.support.problem.Problem.FieldError("name", "is taken")));
        }
        Connection connection = new Connection();
        connection.id = UUID.randomUUID();
        connection.type = command.type();
        connection.mode = command.mode();
        connection.localName = command.localName();
        connection.remoteName = command.remoteName();
        connection.name = command.name();
        connection.description = command.description();
        connection.status = ConnectionStatus.PENDING;
        connection.destination = Connection.UNKNOWN_DESTINATION;
        connection.createdAt = Instant.now();
        InvitationClient.MintedInvitation minted = invitations.mint(connection.id, connection.name, connection.localName,
                command.invitationLifetimeSeconds());
        connection.invitationExpiresAt = minted.expiresAt();
        connections.persist(connection);
        publish(ConnectionEvent.Type.INITIATED, connection);
        audit.record(AuditAction.CONNECTION_CREATED, connection.id, null, connection.name);
        LOG.infof("connection %s '%s' initiated (%s, %s)", connection.id, connection.name, connection.type, connection.mode);
        return new Initiated(connection, minted.code());
    }

    public List<Connection> list() {
        return connections.listByCreation();
    }

    public Connection get(UUID id) {
        return connections.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("connection " + id));
    }

    /** A fresh code for a connection still waiting for its partner; the previous code stops working. */
    @Transactional
    public Initiated reissueInvitation(UUID id, Long lifetimeSeconds) {
        Connection connection = get(id);
        if (connection.status != ConnectionStatus.PENDING) {
            throw ProblemException.conflict("NOT_PENDING", "connection " + id + " is " + connection.status
                    + "; invitations are only for PENDING connections");
        }
        InvitationClient.MintedInvitation minted = invitations.mint(connection.id, connection.name, connection.localName, lifetimeSeconds);
        connection.invitationExpiresAt = minted.expiresAt();
        audit.record(AuditAction.INVITATION_REISSUED, id, "invitation " + minted.invitationId(), null);
        return new Initiated(connection, minted.code());
    }

    @Transactional
    public Connection deactivate(UUID id) {
        audit.record(AuditAction.CONNECTION_DEACTIVATED, id, null, null);
        return transition(id, ConnectionStatus.ACTIVE, ConnectionStatus.DEACTIVATED, ConnectionEvent.Type.DEACTIVATED);
    }

    @Transactional
    public Connection activate(UUID id) {
        audit.record(AuditAction.CONNECTION_ACTIVATED, id, null, null);
        return transition(id, ConnectionStatus.DEACTIVATED, ConnectionStatus.ACTIVE, ConnectionEvent.Type.ACTIVATED);
    }

    /**
     * Deletes the connection, revoking its open invitation first and its agent's credentials with it, and on Kafka its
     * agent's identity and ACLs and its topics (a Kafka failure rolls everything back; deleting again is safe).
     */
    @Transactional
    public void delete(UUID id) {
        Connection connection = get(id);
        invitations.revoke(id);
        kafka.withdraw(id, credentials.agentIds(id));
        credentials.revokeAll(id);
        publish(ConnectionEvent.Type.DELETED, connection);
        connections.delete(connection);
        audit.record(AuditAction.CONNECTION_DELETED, id, null, connection.name);
        LOG.infof("connection %s '%s' deleted", id, connection.name);
    }

    /**
     * Applies an invitation-redeemed event: the connection becomes ACTIVE with the partner as destination. Applying
     * it again changes nothing.
     */
    @Transactional
    public void accept(InvitationEvent event) {
        Connection connection = connections.findById(event.connectionId());
        if (connection == null) {
            LOG.warnf("invitation %s was redeemed for connection %s, which no longer exists; ignored",
                    event.invitationId(), event.connectionId());
            return;
        }
        if (connection.status != ConnectionStatus.PENDING) {
            LOG.infof("connection %s is %s already; redemption event %s ignored", connection.id, connection.status, event.eventId());
            return;
        }
        if (event.agent() == null || event.credential() == null) {
            LOG.errorf("redemption event %s lacks the agent or its credential; ignored", event.eventId());
            return;
        }
        connection.status = ConnectionStatus.ACTIVE;
        connection.destination = event.agent().shortName();
        connection.agentVersion = event.agent().version();
        connection.agentTrackerType = event.agent().trackerType();
        connection.acceptedAt = event.occurredAt();
        connection.invitationExpiresAt = null;

        AgentCredential credential = new AgentCredential();
        credential.agentId = event.credential().agentId();
        credential.connectionId = connection.id;
        credential.secretHash = event.credential().secretHash();
        credential.issuedAt = event.occurredAt();
        credentials.persist(credential);
        // Here, where the agent becomes known, rather than in invitation-service: the connection's Kafka resources live
        // and die with the connection, which this service owns. A Kafka failure rolls the acceptance back, and the
        // event is delivered again (every step is idempotent).
        kafka.provision(connection.id, credential.agentId);
        publish(ConnectionEvent.Type.ACCEPTED, connection);
        LOG.infof("connection %s '%s' accepted by '%s' (agent %s)", connection.id, connection.name, connection.destination,
                connection.agentVersion);
    }

    private Connection transition(UUID id, ConnectionStatus from, ConnectionStatus to, ConnectionEvent.Type event) {
        Connection connection = get(id);
        if (connection.status == to) {
            return connection; // asking twice is not an error
        }
        if (connection.status != from) {
            throw ProblemException.conflict("INVALID_TRANSITION", "connection " + id + " is " + connection.status
                    + "; only a " + from + " connection can become " + to);
        }
        connection.status = to;
        publish(event, connection);
        return connection;
    }

    private void publish(ConnectionEvent.Type type, Connection connection) {
        UUID eventId = UUID.randomUUID();
        outbox.enqueue(eventId, connection.id.toString(), type.name(), new ConnectionEvent(eventId, type, connection.id,
                Instant.now(), connection.name, connection.localName, connection.remoteName, connection.status.name()));
    }
}
