package io.twinline.core.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Side;
import io.twinline.core.model.Status;
import io.twinline.core.model.User;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicaCodecTest {

    static Replica sample() {
        Replica r = new Replica();
        r.setKey("1042");
        r.setId(1042);
        r.setSummary("Printer down");
        r.setDescription("<b>Error 49</b>");
        r.setStatus(new Status("3", "Pending"));
        r.setPriority(new Priority("4", "Urgent"));
        r.setLabels(List.of("printer", "vip"));
        r.setReporter(new User("5001", "Dana", "dana@example.com", null));
        Comment c = new Comment("9001", "rebooted", new User("5001", "Dana", null, null), Instant.parse("2026-11-20T09:15:00Z"));
        c.setInternal(true);
        c.getAttributes().put("source", 2);
        r.setComments(List.of(c));
        Attachment a = new Attachment("7001", "e.jpg", "image/jpeg", 48213, "sha256:ab");
        a.setRemoteId("x1");
        r.setAttachments(List.of(a));
        r.getCustomFields().get("cf_site").setValue("Lisbon");
        r.getCustomFields().get("cf_site").setType("custom_dropdown");
        r.getCustomFields().get("cf_tags").setValue(List.of("a", "b"));
        r.setCreated("2026-11-20T09:00:00Z");
        r.setDueDate("2026-12-01");
        r.getCustomKeys().put("sla", Map.of("hours", 4));
        r.setProperty("group_id", 7);
        return r;
    }

    @Test
    void roundTripIsStableAndKeepsEveryField() {
        Replica r = sample();
        String json = ReplicaCodec.write(r);
        Replica back = ReplicaCodec.readReplica(json);
        assertThat(ReplicaCodec.write(back)).isEqualTo(json);
        assertThat(back.getId()).isEqualTo("1042");
        assertThat(back.getStatus()).isEqualTo(new Status("3", "Pending"));
        assertThat(back.getLabels()).extracting("label").containsExactly("printer", "vip");
        assertThat(back.getComments().get(0).isInternal()).isTrue();
        assertThat(back.getComments().get(0).getAttributes()).containsEntry("source", 2);
        assertThat(back.getAttachments().get(0).getRemoteId()).isEqualTo("x1");
        assertThat(back.getCustomFields().get("cf_site").getValue()).isEqualTo("Lisbon");
        assertThat(back.getCustomFields().get("cf_tags").getValue()).isEqualTo(List.of("a", "b"));
        assertThat(back.getDueDate()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(back.getCustomKeys()).containsEntry("sla", Map.of("hours", 4));
        assertThat(back.getProperty("group_id")).isEqualTo(7);
        assertThat(ReplicaCodec.contentHash(back)).isEqualTo(ReplicaCodec.contentHash(r));
        assertThat(json).contains("\"formatVersion\":1");
    }

    @Test
    void unknownPropertiesAreKeptAtEveryLevel() {
        String json = """
                {"formatVersion":1,"summary":"s","futureField":{"x":[1,2]},
                 "comments":[{"id":"1","body":"b","reactions":["+1"]}],
                 "attachments":[{"id":"2","filename":"f","filesize":3,"thumbnail":"t"}]}""";
        Replica r = ReplicaCodec.readReplica(json);
        assertThat(r.getAttributes()).containsEntry("futureField", Map.of("x", List.of(1, 2)));
        assertThat(r.getComments().get(0).getAttributes()).containsEntry("reactions", List.of("+1"));
        String out = ReplicaCodec.write(r);
        assertThat(out).contains("\"futureField\":{\"x\":[1,2]}").contains("\"reactions\":[\"+1\"]").contains("\"thumbnail\":\"t\"");
    }

    @Test
    void contentHashDoesNotDependOnPropertyOrder() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = (ObjectNode) mapper.readTree(ReplicaCodec.write(sample()));
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        ObjectNode reversed = mapper.createObjectNode();
        for (String n : names) {
            reversed.set(n, node.get(n));
        }
        String reorderedJson = mapper.writeValueAsString(reversed);
        assertThat(reorderedJson).isNotEqualTo(ReplicaCodec.write(sample()));
        assertThat(ReplicaCodec.contentHash(ReplicaCodec.readReplica(reorderedJson))).isEqualTo(ReplicaCodec.contentHash(sample()));
        Replica changed = sample();
        changed.setSummary("Printer down!");
        assertThat(ReplicaCodec.contentHash(changed)).isNotEqualTo(ReplicaCodec.contentHash(sample()));
        assertThat(ReplicaCodec.contentHash(sample())).startsWith("sha256:").hasSize(71);
    }

    @Test
    void badInputNamesTheFieldOrThePosition() {
        assertThatThrownBy(() -> ReplicaCodec.readReplica("{\"summary\": \"x\",\n \"labels\": [1,}"))
                .isInstanceOf(ReplicaFormatException.class).hasMessageContaining("malformed JSON at line 2");
        assertThatThrownBy(() -> ReplicaCodec.readReplica("{\"comments\":[{\"id\":\"1\"},{\"id\":\"2\",\"created\":\"yesterday\"}]}"))
                .isInstanceOf(ReplicaFormatException.class).hasMessageStartingWith("replica.comments[1].created: not a timestamp");
        assertThatThrownBy(() -> ReplicaCodec.readReplica("{\"summary\": 42}"))
                .hasMessage("replica.summary: expected text, got number");
        assertThatThrownBy(() -> ReplicaCodec.readReplica("{\"labels\": \"a,b\"}"))
                .hasMessage("replica.labels: expected a list, got string");
        assertThatThrownBy(() -> ReplicaCodec.readReplica("{\"attachments\":[{\"filesize\":\"big\"}]}"))
                .hasMessageStartingWith("replica.attachments[0].filesize: expected a whole number");
        assertThatThrownBy(() -> ReplicaCodec.readReplica("{\"formatVersion\": 2}"))
                .hasMessageContaining("formatVersion: 2 is newer");
        assertThatThrownBy(() -> ReplicaCodec.readReplica("[]")).hasMessage("replica: expected a JSON object");
        assertThatThrownBy(() -> ReplicaCodec.readReplica("")).hasMessageContaining("empty input");
        Replica r = new Replica();
        r.getCustomKeys().put("thread", new Object());
        assertThatThrownBy(() -> ReplicaCodec.write(r)).hasMessageContaining("customKeys.thread: a Object cannot be written");
    }

    @Test
    void envelopeCarriesTheContractAndChecksTheHash() {
        ReplicaEnvelope e = ReplicaEnvelope.upsert("conn-1", "twin-9", Side.PUBLIC, "1042", 3, sample());
        assertThat(e.contentHash()).isEqualTo(ReplicaCodec.contentHash(sample()));
        assertThat(e.partitionKey()).isEqualTo("twin-9");
        ReplicaEnvelope back = ReplicaEnvelope.fromJson(e.toJson());
        assertThat(back.connectionId()).isEqualTo("conn-1");
        assertThat(back.origin()).isEqualTo(Side.PUBLIC);
        assertThat(back.localKey()).isEqualTo("1042");
        assertThat(back.version()).isEqualTo(3);
        assertThat(back.kind()).isEqualTo(ReplicaEnvelope.Kind.UPSERT);
        assertThat(back.contentHash()).isEqualTo(e.contentHash());
        assertThat(ReplicaCodec.write(back.body())).isEqualTo(ReplicaCodec.write(sample()));

        ReplicaEnvelope ack = ReplicaEnvelope.signal("conn-1", "twin-9", Side.PRIVATE, "SUP-1", 3, ReplicaEnvelope.Kind.ACK);
        assertThat(ReplicaEnvelope.fromJson(ack.toJson())).isEqualTo(ack);

        String tampered = e.toJson().replace("Printer down", "Printer up");
        assertThatThrownBy(() -> ReplicaEnvelope.fromJson(tampered)).hasMessageContaining("contentHash").hasMessageContaining("does not match");
        assertThatThrownBy(() -> ReplicaEnvelope.fromJson(e.toJson().replace("\"version\":3", "\"version\":0")))
                .hasMessageContaining("envelope.version");
        assertThatThrownBy(() -> ReplicaEnvelope.fromJson(e.toJson().replace("UPSERT", "MERGE")))
                .hasMessage("envelope.kind: unknown value 'MERGE'");
        assertThatThrownBy(() -> ReplicaEnvelope.fromJson("{\"connectionId\":\"c\",\"twinId\":\"t\",\"origin\":\"PUBLIC\",\"version\":1,\"kind\":\"UPSERT\"}"))
                .hasMessage("envelope.body: an UPSERT needs a body");
    }

    @Test
    void envelopeCarriesWhatTheSenderHadSeenAndChangedAndStaysReadableWithoutIt() {
        ReplicaEnvelope plain = ReplicaEnvelope.upsert("conn-1", "twin-9", Side.PUBLIC, "1042", 3, sample());
        // Records written before the concurrency properties existed: both read as unknown, and none is written.
        assertThat(plain.toJson()).doesNotContain("basedOn").doesNotContain("changed");
        ReplicaEnvelope old = ReplicaEnvelope.fromJson(plain.toJson());
        assertThat(old.basedOn()).isNull();
        assertThat(old.changed()).isNull();

        ReplicaEnvelope stamped = plain.withConcurrency(7, List.of("summary", "priority"));
        ReplicaEnvelope back = ReplicaEnvelope.fromJson(stamped.toJson());
        assertThat(back.basedOn()).isEqualTo(7L);
        assertThat(back.changed()).containsExactly("summary", "priority");
        assertThat(back.toJson()).isEqualTo(stamped.toJson());
        // 0 is a real answer (the sender had applied nothing yet), not "unknown"; an empty list says "nothing changed".
        ReplicaEnvelope none = ReplicaEnvelope.fromJson(plain.withConcurrency(0, List.of()).toJson());
        assertThat(none.basedOn()).isZero();
        assertThat(none.changed()).isEmpty();

        String json = stamped.toJson();
        assertThatThrownBy(() -> ReplicaEnvelope.fromJson(json.replace("\"basedOn\":7", "\"basedOn\":-1")))
                .hasMessageContaining("envelope.basedOn");
        assertThatThrownBy(() -> ReplicaEnvelope.fromJson(json.replace("\"basedOn\":7", "\"basedOn\":\"7\"")))
                .hasMessageContaining("envelope.basedOn");
        assertThatThrownBy(() -> ReplicaEnvelope.fromJson(json.replace("[\"summary\",\"priority\"]", "\"summary\"")))
                .hasMessageContaining("envelope.changed");
        assertThatThrownBy(() -> ReplicaEnvelope.fromJson(json.replace("[\"summary\",\"priority\"]", "[\"summary\",3]")))
                .hasMessageContaining("envelope.changed[1]");
        assertThatThrownBy(() -> plain.withConcurrency(-2, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
