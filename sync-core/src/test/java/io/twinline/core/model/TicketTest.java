package io.twinline.core.model;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import io.twinline.core.replica.Replica;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The model as plain (unsandboxed) Groovy sees it: what connectors and the agent's own Groovy code rely on. */
class TicketTest {

    private static Object groovy(String code, Ticket entity, Replica replica) {
        Binding b = new Binding();
        b.setVariable("entity", entity);
        b.setVariable("replica", replica);
        return new GroovyShell(b).evaluate(code);
    }

    @Test
    void groovyPropertiesReachFieldsRawAttributesAndCustomFields() {
        Ticket t = new Ticket();
        Replica r = new Replica();
        groovy("""
                entity.summary = 'S'
                entity.group_id = 7
                entity.labels += new io.twinline.core.model.Label('a')
                entity.labels += 'b'
                entity.customFields."cf_order".value = 42
                entity.status = 'Open'
                replica.customKeys."any name" = [1, 2]
                """, t, r);
        assertThat(t.getSummary()).isEqualTo("S");
        assertThat(t.getAttributes()).containsEntry("group_id", 7);
        assertThat(t.getLabels()).containsExactly(new Label("a"), new Label("b"));
        assertThat(t.getCustomFields().get("cf_order").getValue()).isEqualTo(42);
        assertThat(t.getStatus()).isEqualTo(Status.named("Open"));
        assertThat(r.getCustomKeys()).containsEntry("any name", List.of(1, 2));
        assertThat(groovy("entity.group_id + 1", t, r)).isEqualTo(8);
        assertThat(groovy("entity.nothing", t, r)).isNull();
    }

    @Test
    void copiesShareNoMutableState() {
        Ticket t = new Ticket();
        t.setComments(List.of(new Comment("1", "a", new User("u", "U", null, null), null)));
        t.getAttributes().put("list", new java.util.ArrayList<>(List.of(1)));
        t.getCustomFields().get("cf").setValue("v");
        Ticket c = t.copy();
        c.getComments().get(0).setBody("changed");
        ((List<Object>) c.getAttributes().get("list")).add(2);
        c.getCustomFields().get("cf").setValue("w");
        assertThat(t.getComments().get(0).getBody()).isEqualTo("a");
        assertThat(t.getAttributes().get("list")).isEqualTo(List.of(1));
        assertThat(t.getCustomFields().get("cf").getValue()).isEqualTo("v");
    }

    @Test
    void timestampsAcceptTheTrackersForms() {
        assertThat(Timestamps.toInstant("2016-03-16T04:22:37.356+0000")).hasToString("2016-03-16T04:22:37.356Z");
        assertThat(Timestamps.toInstant("2016-03-16T04:22:37.356-0700")).hasToString("2016-03-16T11:22:37.356Z");
        assertThat(Timestamps.toInstant("2016-02-13T23:27:49Z")).hasToString("2016-02-13T23:27:49Z");
        assertThat(Timestamps.toInstant("2016-02-13")).hasToString("2016-02-13T00:00:00Z");
        assertThat(Timestamps.toInstant(0L)).hasToString("1970-01-01T00:00:00Z");
    }
}
