package io.twinline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.openapi.JSON;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses core Kubernetes resources strictly with the API types of the Kubernetes Java client: an unknown field, a
 * missing required field or a wrong type is a problem, as the API server's strict field validation would say.
 */
final class CoreResources {

    /** The core kinds the manifests may use, with their apiVersion. */
    static final Map<String, String> API_VERSIONS = Map.of(
            "Namespace", "v1", "ConfigMap", "v1", "Secret", "v1", "Service", "v1", "PersistentVolumeClaim", "v1",
            "Deployment", "apps/v1", "StatefulSet", "apps/v1",
            "Ingress", "networking.k8s.io/v1", "NetworkPolicy", "networking.k8s.io/v1",
            "PodDisruptionBudget", "policy/v1");

    static {
        new JSON(); // registers the type adapters (Quantity, IntOrString, dates) the models' fromJson use
    }

    private CoreResources() {
    }

    static boolean isCore(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText();
        return !apiVersion.contains("/") || apiVersion.matches("(apps|policy|networking\\.k8s\\.io|batch)/.*");
    }

    static List<String> problems(List<JsonNode> docs) {
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : docs) {
            if (isCore(doc)) {
                String problem = problem(doc);
                if (problem != null) {
                    problems.add(Manifests.where(doc) + ": " + problem);
                }
            }
        }
        return problems;
    }

    static String problem(JsonNode doc) {
        String kind = Manifests.kind(doc);
        String expected = API_VERSIONS.get(kind);
        if (expected == null) {
            return "kind " + kind + " is not one the manifests may use (" + API_VERSIONS.keySet() + ")";
        }
        if (!expected.equals(doc.path("apiVersion").asText())) {
            return "apiVersion " + doc.path("apiVersion").asText() + ", expected " + expected;
        }
        try {
            Class<?> model = Class.forName("io.kubernetes.client.openapi.models.V1" + kind);
            model.getMethod("fromJson", String.class).invoke(null, doc.toString());
            return null;
        } catch (InvocationTargetException e) {
            return String.valueOf(e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            return "no API type for " + kind + ": " + e;
        }
    }
}
