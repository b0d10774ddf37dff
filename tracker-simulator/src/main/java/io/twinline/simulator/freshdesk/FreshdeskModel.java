package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the simulated Freshdesk account holds: tickets, conversations, attachments and the lookups. */
final class FreshdeskModel {

    private FreshdeskModel() {
    }

    static final class Ticket {
        long id;
        String subject;
        String description;
        int status = 2;
        int priority = 1;
        int source = 2;
        String type;
        Long requesterId;
        Long responderId;
        Long groupId;
        Long companyId;
        Long productId;
        Long parentId;
        List<String> ccEmails = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Map<String, JsonNode> customFields = new LinkedHashMap<>();
        List<Long> attachmentIds = new ArrayList<>();
        Instant dueBy;
        Instant frDueBy;
        boolean spam;
        boolean deleted;
        Instant createdAt;
        Instant updatedAt;
    }

    static final class Conversation {
        long id;
        long ticketId;
        long userId;
        String body;
        boolean incoming;
        boolean isPrivate;
        int source;
        List<String> notifyEmails = new ArrayList<>();
        List<Long> attachmentIds = new ArrayList<>();
        Instant lastEditedAt;
        Long lastEditedUserId;
        Instant createdAt;
        Instant updatedAt;
    }

    static final class Attachment {
        long id;
        long ticketId;
        Long conversationId;
        String name;
        String contentType;
        byte[] bytes;
        String token;
        Instant createdAt;
    }

    record Contact(long id, String name, String email, Instant createdAt) {
    }

    record Agent(long id, String name, String email, List<Long> groupIds) {
    }

    record CustomFieldDef(long id, String name, String label, String type, List<String> choices) {
    }
}
