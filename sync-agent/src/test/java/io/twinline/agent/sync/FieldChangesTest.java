package io.twinline.agent.sync;

import io.twinline.core.model.CustomField;
import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.tracker.TicketUpdate;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every field the incoming rules set reaches the update, and only the fields that differ from the ticket. */
class FieldChangesTest {

    private static Ticket ticket() {
        Ticket t = new Ticket();
        t.setKey("TEST-1");
        t.setSummary("Printer on fire");
        t.setStatus(new Status("1", "Open"));
        t.setType(new IssueType("10", "Task"));
        t.setLabels(List.of(new Label("printer")));
        t.setAssignee(new User("u1", "Ann Agent", "ann@example.com", "ann"));
        t.setReporter(new User("u2", "Rob Reporter", "rob@example.com", "rob"));
        t.setDueDate(Instant.parse("2026-12-24T00:00:00Z"));
        t.getCustomFields().put("customfield_10200", new CustomField("customfield_10200", "option", Map.of("id", "1", "value", "finance")));
        t.getCustomFields().put("customfield_10300", new CustomField("customfield_10300", "string", "PO-1"));
        t.getAttributes().put("components", List.of("Hardware"));
        return t;
    }

    @Test
    void nothingChangedIsNoUpdateWhateverFormTheRulesUsed() {
        Ticket before = ticket();
        Ticket wanted = before.copy();
        wanted.setProperty("assignee", "ann@example.com"); // the same person, by e-mail
        wanted.setProperty("status", "open");
        wanted.getCustomFields().get("customfield_10200").setValue("finance"); // an option by its text
        wanted.getCustomFields().get("customfield_99999"); // only read by the rules: absent stays absent
        wanted.setDueDate(Instant.parse("2026-12-24T15:30:00Z")); // Jira keeps the day
        assertThat(FieldChanges.forTracker("jira").between(before, wanted).isEmpty()).isTrue();
    }

    @Test
    void customFieldsAssigneeReporterTypeDueDateAndAttributesAreWritten() {
        Ticket before = ticket();
        Ticket wanted = before.copy();
        wanted.getCustomFields().get("customfield_10300").setValue("PO-2");
        wanted.setProperty("assignee", "bea@example.com");
        wanted.setProperty("reporter", "carl");
        wanted.setProperty("type", "Bug");
        wanted.setDueDate(Instant.parse("2026-12-31T00:00:00Z"));
        wanted.setProperty("components", List.of("Network"));

        TicketUpdate update = FieldChanges.forTracker("jira").between(before, wanted);

        assertThat(update.customFields()).containsOnly(Map.entry("customfield_10300", "PO-2"));
        assertThat(update.<User>get(TicketUpdate.ASSIGNEE).getEmail()).isEqualTo("bea@example.com");
        assertThat(update.<User>get(TicketUpdate.REPORTER).getUsername()).isEqualTo("carl");
        assertThat(update.<IssueType>get(TicketUpdate.TYPE).getName()).isEqualTo("Bug");
        assertThat(update.<Instant>get(TicketUpdate.DUE_DATE)).isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
        assertThat(update.attributes()).containsOnly(Map.entry("components", List.of("Network")));
        assertThat(update.has(TicketUpdate.SUMMARY)).isFalse();
        assertThat(update.has(TicketUpdate.STATUS)).isFalse();
        assertThat(update.has(TicketUpdate.LABELS)).isFalse();
    }

    @Test
    void anAssigneeTheRulesRemovedIsCleared() {
        Ticket before = ticket();
        Ticket wanted = before.copy();
        wanted.setAssignee(null);
        TicketUpdate update = FieldChanges.forTracker("freshdesk").between(before, wanted);
        assertThat(update.has(TicketUpdate.ASSIGNEE)).isTrue();
        assertThat(update.<User>get(TicketUpdate.ASSIGNEE)).isNull();
    }

    @Test
    void aFreshdeskDueDateIsAnInstant() {
        Ticket before = ticket();
        Ticket wanted = before.copy();
        wanted.setDueDate(Instant.parse("2026-12-24T15:30:00Z"));
        assertThat(FieldChanges.forTracker("freshdesk").between(before, wanted).has(TicketUpdate.DUE_DATE)).isTrue();
    }
}
