package io.twinline.simulator.freshdesk;

import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.SimClock;
import io.twinline.simulator.freshdesk.FreshdeskModel.Agent;
import io.twinline.simulator.freshdesk.FreshdeskModel.Attachment;
import io.twinline.simulator.freshdesk.FreshdeskModel.Contact;
import io.twinline.simulator.freshdesk.FreshdeskModel.Conversation;
import io.twinline.simulator.freshdesk.FreshdeskModel.CustomFieldDef;
import io.twinline.simulator.freshdesk.FreshdeskModel.Ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated account's state and its seed data. Not thread-safe by itself: every handler runs under
 * {@link FreshdeskApi}'s monitor, which is this store.
 */
final class FreshdeskStore {

    final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    final Map<Long, Conversation> conversations = new LinkedHashMap<>();
    final Map<Long, Attachment> attachments = new LinkedHashMap<>();
    final Map<Long, Contact> contacts = new LinkedHashMap<>();
    final Map<Long, Agent> agents = new LinkedHashMap<>();
    final Map<Long, String> groups = new LinkedHashMap<>();
    final Map<Integer, String> statuses = new LinkedHashMap<>();
    final List<CustomFieldDef> customFieldDefs = new ArrayList<>();
    private final SimClock clock;
    private long nextTicketId;
    private long nextConversationId;
    private long nextAttachmentId;
    private long nextContactId;
    /** Tickets changed within this delay are not found by search yet (0 = indexed at once). */
    Duration searchIndexDelay = Duration.ZERO;
    /** Where attachment URLs point (the simulator's own address). */
    String publicBaseUrl = "http://127.0.0.1";

    FreshdeskStore(SimClock clock) {
        this.clock = clock;
    }

    /** Back to the seed data. */
    void reset() {
        tickets.clear();
        conversations.clear();
        attachments.clear();
        contacts.clear();
        agents.clear();
        groups.clear();
        statuses.clear();
        customFieldDefs.clear();
        nextTicketId = 1;
        nextConversationId = 1001;
        nextAttachmentId = 5001;
        nextContactId = 101;
        searchIndexDelay = Duration.ZERO;
        statuses.put(2, "Open");
        statuses.put(3, "Pending");
        statuses.put(4, "Resolved");
        statuses.put(5, "Closed");
        statuses.put(6, "Waiting on Customer");
        statuses.put(7, "Waiting on Third Party");
        groups.put(11L, "Support");
        groups.put(12L, "Billing");
        agents.put(1L, new Agent(1, "Demo Agent", "agent@demo.example", List.of(11L)));
        agents.put(2L, new Agent(2, "Second Agent", "second@demo.example", List.of(11L, 12L)));
        customFieldDefs.add(new CustomFieldDef(9001, "cf_twin_id", "Twin id", "custom_text", null));
        customFieldDefs.add(new CustomFieldDef(9002, "cf_order", "Order number", "custom_text", null));
        customFieldDefs.add(new CustomFieldDef(9003, "cf_sector", "Sector", "custom_dropdown",
                List.of("finance", "retail", "public")));
        Instant now = now();
        Contact alice = addContact("Alice Customer", "alice@customer.example", now.minus(Duration.ofDays(40)));
        Contact bob = addContact("Bob Customer", "bob@customer.example", now.minus(Duration.ofDays(40)));
        seedTicket("Printer on fire", "<p>The printer is on fire.</p>", 2, 4, alice.id(), List.of("hardware"),
                now.minus(Duration.ofDays(2)));
        seedTicket("Cannot log in", "<p>Password reset mail never arrives.</p>", 3, 2, bob.id(), List.of("login"),
                now.minus(Duration.ofDays(1)));
        seedTicket("Invoice question", "<p>Why was I charged twice?</p>", 2, 1, alice.id(), List.of(),
                now.minus(Duration.ofHours(3)));
    }

    private void seedTicket(String subject, String description, int status, int priority, long requester,
                            List<String> tags, Instant at) {
        Ticket t = newTicket();
        t.subject = subject;
        t.description = description;
        t.status = status;
        t.priority = priority;
        t.requesterId = requester;
        t.tags.addAll(tags);
        t.createdAt = FreshdeskTime.truncate(at);
        t.updatedAt = t.createdAt;
        tickets.put(t.id, t);
    }

    /** Now, in Freshdesk's whole seconds. */
    Instant now() {
        return FreshdeskTime.truncate(clock.instant());
    }

    /** A ticket with the next id, not stored yet. */
    Ticket newTicket() {
        Ticket t = new Ticket();
        t.id = nextTicketId++;
        return t;
    }

    Conversation newConversation() {
        Conversation c = new Conversation();
        c.id = nextConversationId++;
        return c;
    }

    Attachment newAttachment() {
        Attachment a = new Attachment();
        a.id = nextAttachmentId++;
        return a;
    }

    Contact addContact(String name, String email, Instant at) {
        Contact c = new Contact(nextContactId++, name, email, FreshdeskTime.truncate(at));
        contacts.put(c.id(), c);
        return c;
    }

    /** A placeholder address for a contact created from a phone or social identifier. */
    String unknownRequesterEmail() {
        return "requester-" + nextContactId + "@unknown.example";
    }

    Optional<Contact> contactByEmail(String email) {
        return contacts.values().stream().filter(x -> x.email().equalsIgnoreCase(email)).findFirst();
    }

    /** The ticket of a path parameter; 404 when there is none. */
    Ticket ticket(String idParam) {
        long id;
        try {
            id = Long.parseLong(idParam);
        } catch (NumberFormatException e) {
            throw new ApiError(404, "not_found", "Not Found");
        }
        Ticket t = tickets.get(id);
        if (t == null) {
            throw new ApiError(404, "not_found", "Not Found");
        }
        return t;
    }

    /** For the test hooks: a ticket that must exist. */
    Ticket existingTicket(long id) {
        Ticket t = tickets.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no ticket " + id);
        }
        return t;
    }

    Conversation conversation(String idParam) {
        try {
            Conversation c = conversations.get(Long.parseLong(idParam));
            if (c != null) {
                return c;
            }
        } catch (NumberFormatException e) {
            // fall through to 404
        }
        throw new ApiError(404, "not_found", "Not Found");
    }

    List<Conversation> conversationsOf(long ticketId) {
        return conversations.values().stream().filter(c -> c.ticketId == ticketId)
                .sorted(Comparator.comparingLong(c -> c.id)).toList();
    }

    /** Bytes of every attachment of a ticket, on the ticket itself and on its conversations. */
    long ticketAttachmentBytes(Ticket t) {
        return attachments.values().stream().filter(a -> a.ticketId == t.id).mapToLong(a -> a.bytes.length).sum();
    }
}
