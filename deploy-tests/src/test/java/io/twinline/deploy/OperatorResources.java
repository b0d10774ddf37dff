package io.twinline.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operators' resources: Strimzi's against its own API model (io.strimzi:api, where a field the model does not know
 * lands in "additional properties", an unknown enum value or a wrong type fails to read, and a required field may not
 * be missing); CloudNativePG's Cluster against the openAPIV3Schema of its CRD, kept in the test resources, with
 * unknown fields refused as the API server's strict field validation would.
 */
final class OperatorResources {

    static final String STRIMZI_GROUP = "kafka.strimzi.io";
    static final Map<String, Class<?>> STRIMZI = Map.of("Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class,
            "KafkaUser", KafkaUser.class, "KafkaTopic", KafkaTopic.class);

    private static final ObjectMapper MODEL = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static JsonSchema clusterSchema;

    private OperatorResources() {
    }

    static List<String> problems(List<JsonNode> docs) throws IOException {
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : docs) {
            String apiVersion = doc.path("apiVersion").asText();
            String kind = Manifests.kind(doc);
            if (apiVersion.startsWith(STRIMZI_GROUP + "/")) {
                strimzi(doc, kind, apiVersion, problems);
            } else if (apiVersion.startsWith("postgresql.cnpg.io/")) {
                if (!kind.equals("Cluster") || !apiVersion.equals("postgresql.cnpg.io/v1")) {
                    problems.add(Manifests.where(doc) + ": only postgresql.cnpg.io/v1 Cluster is checked here, not " + apiVersion);
                    continue;
                }
                for (ValidationMessage message : clusterSchema().validate(doc)) {
                    problems.add(Manifests.where(doc) + ": " + message.getMessage());
                }
            } else if (!CoreResources.isCore(doc)) {
                problems.add(Manifests.where(doc) + ": no schema to check " + apiVersion + " against");
            }
        }
        return problems;
    }

    private static void strimzi(JsonNode doc, String kind, String apiVersion, List<String> problems) {
        Class<?> model = STRIMZI.get(kind);
        if (model == null) {
            problems.add(Manifests.where(doc) + ": Strimzi kind not checked here");
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            List<String> versions = (List<String>) model.getField("VERSIONS").get(null);
            if (!versions.contains(apiVersion.substring(STRIMZI_GROUP.length() + 1))) {
                problems.add(Manifests.where(doc) + ": apiVersion " + apiVersion + " is not one of " + versions);
            }
            Object resource = MODEL.treeToValue(doc, model);
            walk(resource, Manifests.kind(doc), problems, Manifests.where(doc), java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (ReflectiveOperationException | IOException | IllegalArgumentException e) {
            problems.add(Manifests.where(doc) + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Unknown fields (additional properties) and missing required fields anywhere in the model tree. */
    private static void walk(Object node, String path, List<String> problems, String where, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", problems, where, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, problems, where, seen));
            return;
        }
        String pkg = node.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi") && !pkg.startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getDeclaringClass() == Object.class || getter.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class)) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(where + ": unknown field(s) " + extra.keySet() + " at " + path);
                }
                continue;
            }
            String field = fieldName(getter);
            JsonProperty property = getter.getAnnotation(JsonProperty.class);
            // A required primitive that is absent reads as 0 (no Strimzi number field takes 0 as a real value).
            boolean absent = value == null || getter.getReturnType().isPrimitive() && value instanceof Number n && n.intValue() == 0;
            if (absent && property != null && property.required()) {
                problems.add(where + ": required field " + path + "." + field + " is missing");
            }
            walk(value, path + "." + field, problems, where, seen);
        }
    }

    private static String fieldName(Method getter) {
        JsonProperty property = getter.getAnnotation(JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        String name = getter.getName().replaceFirst("^(get|is)", "");
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    static synchronized JsonSchema clusterSchema() throws IOException {
        if (clusterSchema == null) {
            JsonNode crd;
            try (InputStream in = OperatorResources.class.getResourceAsStream("/crds/postgresql.cnpg.io_clusters.yaml")) {
                crd = Manifests.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).get(0);
            }
            JsonNode schema = null;
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("name").asText().equals("v1")) {
                    schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                }
            }
            if (schema == null) {
                throw new IllegalStateException("the CloudNativePG CRD has no v1 schema");
            }
            strict((ObjectNode) schema);
            clusterSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        }
        return clusterSchema;
    }

    /**
     * The API server prunes or (strictly) refuses fields a structural schema does not name, unless the schema says
     * x-kubernetes-preserve-unknown-fields: as a JSON schema, that is additionalProperties false. The Kubernetes
     * extension keywords carry no check the validator knows, so they go.
     */
    static void strict(ObjectNode schema) {
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith("x-kubernetes-")) {
                it.remove();
            }
        }
        if (schema.has("properties") && !schema.has("additionalProperties") && !preserve) {
            schema.put("additionalProperties", false);
        }
        schema.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (e.getKey().equals("properties") && value.isObject()) {
                value.fields().forEachRemaining(p -> {
                    if (p.getValue().isObject()) {
                        strict((ObjectNode) p.getValue());
                    }
                });
            } else if (value.isObject() && !e.getKey().equals("default") && !e.getKey().equals("example")) {
                strict((ObjectNode) value);
            } else if (value.isArray() && !e.getKey().equals("enum") && !e.getKey().equals("required")) {
                for (JsonNode item : (ArrayNode) value) {
                    if (item.isObject()) {
                        strict((ObjectNode) item);
                    }
                }
            }
        });
    }
}
