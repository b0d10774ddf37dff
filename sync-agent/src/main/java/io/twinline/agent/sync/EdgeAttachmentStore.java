package io.twinline.agent.sync;

import io.twinline.agent.repository.Enrollment;
import io.twinline.agent.service.EdgeSession;

/** The private agent reaches the store over HTTPS through the agent edge, with its own token. */
public class EdgeAttachmentStore implements AttachmentStore {

    private final EdgeSession session;
    private final Enrollment enrollment;

    public EdgeAttachmentStore(EdgeSession session, Enrollment enrollment) {
        this.session = session;
        this.enrollment = enrollment;
    }

    @Override
    public void put(String sha256Hex, byte[] content) {
        session.putAttachment(enrollment, sha256Hex, content);
    }

    @Override
    public byte[] get(String sha256Hex) {
        return session.attachment(enrollment, sha256Hex);
    }
}
