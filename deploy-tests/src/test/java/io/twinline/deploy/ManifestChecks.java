package io.twinline.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Do the manifests say what the services really use? Images (built, with the project's version), ports, probe paths,
 * environment variables, the Secrets the operators write, Services, Ingress paths and NetworkPolicies.
 */
final class ManifestChecks {

    /** The Secret keys CloudNativePG writes for an application user ({@code <cluster>-app}). */
    static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass");
    /** The Secret keys Strimzi's User Operator writes for a SCRAM-SHA-512 KafkaUser. */
    static final Set<String> STRIMZI_USER_SECRET_KEYS = Set.of("password", "sasl.jaas.config");

    private final List<JsonNode> docs;
    private final Function<String, ServiceSettings> settings;
    private final Map<String, ImageFacts> images = new HashMap<>();
    final List<String> problems = new ArrayList<>();

    ManifestChecks(List<JsonNode> docs, Function<String, ServiceSettings> settings) {
        this.docs = docs;
        this.settings = settings;
    }

    static Function<String, ServiceSettings> fromSources() {
        Map<String, ServiceSettings> cache = new HashMap<>();
        return module -> cache.computeIfAbsent(module, m -> {
            try {
                return new ServiceSettings(m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    List<String> run() throws IOException {
        for (JsonNode deployment : Manifests.ofKind(docs, "Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                container(deployment, container);
            }
            covered(deployment);
        }
        for (JsonNode service : Manifests.ofKind(docs, "Service")) {
            service(service);
        }
        for (JsonNode ingress : Manifests.ofKind(docs, "Ingress")) {
            ingress(ingress);
        }
        for (JsonNode pdb : Manifests.ofKind(docs, "PodDisruptionBudget")) {
            if (pods(pdb.path("spec").path("selector").path("matchLabels")).isEmpty()) {
                problems.add(Manifests.where(pdb) + ": selects no workload");
            }
        }
        return problems;
    }

    private void container(JsonNode deployment, JsonNode container) throws IOException {
        String where = Manifests.where(deployment) + " container " + container.path("name").asText();
        String image = container.path("image").asText();
        String[] refAndTag = image.split(":(?=[^:/]+$)");
        String module = refAndTag[0].substring(refAndTag[0].lastIndexOf('/') + 1);
        ServiceSettings service;
        try {
            service = settings.apply(module);
        } catch (UncheckedIOException e) {
            problems.add(where + ": image " + image + " is not one of Twinline's services");
            return;
        }
        if (refAndTag.length != 2 || !refAndTag[1].equals(Manifests.VERSION)) {
            problems.add(where + ": image " + image + " should be tagged " + Manifests.VERSION + ", the version the images are built at");
        }
        ImageFacts facts = images.computeIfAbsent(module, m -> {
            try {
                return ImageFacts.of(m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        Map<String, String> env = new HashMap<>();
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            env.put(name, var.path("value").asText(""));
            variable(where, service, name);
            JsonNode secret = var.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode()) {
                secretKey(where + " " + name, secret.path("name").asText(), secret.path("key").asText());
            }
        }
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText();
            JsonNode map = docs.stream().filter(d -> Manifests.kind(d).equals("ConfigMap") && Manifests.name(d).equals(configMap))
                    .findFirst().orElse(null);
            if (map == null) {
                problems.add(where + ": envFrom ConfigMap " + configMap + " is not in the overlay");
                continue;
            }
            map.path("data").fieldNames().forEachRemaining(name -> variable(where + " (from ConfigMap " + configMap + ")", service, name));
        }
        for (String key : service.unmappedKeys()) {
            problems.add(module + ": application.properties sets " + key + ", which no @ConfigMapping property reads");
        }

        Map<String, Integer> ports = new HashMap<>();
        for (JsonNode port : container.path("ports")) {
            ports.put(port.path("name").asText(), port.path("containerPort").asInt());
            int containerPort = port.path("containerPort").asInt();
            int listens = service.httpPort(env);
            if (containerPort != listens) {
                problems.add(where + ": containerPort " + containerPort + ", but " + module + " listens on " + listens);
            }
            if (listens == service.httpPort(Map.of()) && !facts.ports().contains(containerPort)) {
                problems.add(where + ": containerPort " + containerPort + " is not what image " + facts.reference() + " exposes " + facts.ports());
            }
        }
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            if (get.isMissingNode()) {
                problems.add(where + ": no " + probe);
                continue;
            }
            if (!facts.healthPaths().contains(get.path("path").asText())) {
                problems.add(where + ": " + probe + " path " + get.path("path").asText() + " is not a health path of the image " + facts.healthPaths());
            }
            JsonNode port = get.path("port");
            if (port.isTextual() ? !ports.containsKey(port.asText()) : !ports.containsValue(port.asInt())) {
                problems.add(where + ": " + probe + " port " + port + " is not a port of the container");
            }
        }
        if (container.path("resources").path("requests").isMissingNode() || container.path("resources").path("limits").path("memory").isMissingNode()) {
            problems.add(where + ": needs resource requests and a memory limit");
        }
    }

    private void variable(String where, ServiceSettings service, String name) {
        if (service.environmentNames().contains(name)) {
            return;
        }
        if (name.startsWith("KAFKA_") && service.usesKafka()) {
            String key = name.substring(6).toLowerCase().replace('_', '.');
            Set<String> kafka = new HashSet<>(ProducerConfig.configNames());
            kafka.addAll(ConsumerConfig.configNames());
            kafka.addAll(AdminClientConfig.configNames());
            if (kafka.contains(key)) {
                return;
            }
            problems.add(where + ": " + name + " is no Kafka client setting (" + key + ")");
            return;
        }
        problems.add(where + ": " + service.module + " reads no setting " + name);
    }

    private void secretKey(String where, String secret, String key) {
        boolean kafkaUser = docs.stream().anyMatch(d -> Manifests.kind(d).equals("KafkaUser") && Manifests.name(d).equals(secret));
        boolean cnpg = docs.stream().anyMatch(d -> Manifests.kind(d).equals("Cluster") && (Manifests.name(d) + "-app").equals(secret));
        if (kafkaUser && !STRIMZI_USER_SECRET_KEYS.contains(key)) {
            problems.add(where + ": the KafkaUser Secret " + secret + " has no key " + key + " (" + STRIMZI_USER_SECRET_KEYS + ")");
        }
        if (cnpg && !CNPG_APP_SECRET_KEYS.contains(key)) {
            problems.add(where + ": the CloudNativePG Secret " + secret + " has no key " + key + " (" + CNPG_APP_SECRET_KEYS + ")");
        }
    }

    /** Every workload is held by a NetworkPolicy that rules both its ingress and its egress. */
    private void covered(JsonNode deployment) {
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        boolean ok = Manifests.ofKind(docs, "NetworkPolicy").stream().anyMatch(policy -> {
            JsonNode types = policy.path("spec").path("policyTypes");
            return selects(policy.path("spec").path("podSelector").path("matchLabels"), labels)
                    && types.toString().contains("Ingress") && types.toString().contains("Egress");
        });
        if (!ok) {
            problems.add(Manifests.where(deployment) + ": no NetworkPolicy rules both its ingress and its egress");
        }
    }

    private void service(JsonNode service) {
        List<JsonNode> pods = pods(service.path("spec").path("selector"));
        if (pods.isEmpty()) {
            problems.add(Manifests.where(service) + ": selects no workload");
            return;
        }
        for (JsonNode port : service.path("spec").path("ports")) {
            String target = port.path("targetPort").asText();
            boolean found = pods.stream().anyMatch(pod -> {
                for (JsonNode c : pod.path("spec").path("containers")) {
                    for (JsonNode p : c.path("ports")) {
                        if (p.path("name").asText().equals(target) || p.path("containerPort").asText().equals(target)) {
                            return true;
                        }
                    }
                }
                return false;
            });
            if (!found) {
                problems.add(Manifests.where(service) + ": targetPort " + target + " is no port of the pods it selects");
            }
        }
    }

    /**
     * The Ingress publishes what agents call and nothing else: every path reaches a route of its backend's service,
     * none reaches /internal or /q, and every agent route (…/agent…, /redeem) is reachable.
     */
    private void ingress(JsonNode ingress) throws IOException {
        if (ingress.path("spec").path("tls").isMissingNode() || ingress.path("spec").path("tls").isEmpty()) {
            problems.add(Manifests.where(ingress) + ": no TLS");
        }
        Map<String, List<String>> published = new HashMap<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                String service = path.path("backend").path("service").path("name").asText();
                JsonNode deployment = workloadBehind(service);
                if (deployment == null) {
                    problems.add(Manifests.where(ingress) + ": backend " + service + " is no Service of a workload here");
                    continue;
                }
                String module = module(deployment);
                Pattern pattern = pattern(path);
                List<String> routes = settings.apply(module).routes().stream().map(r -> r.replaceAll("\\{[^}]+}", UUID.randomUUID().toString())).toList();
                List<String> reached = routes.stream().filter(r -> pattern.matcher(r).matches()).toList();
                if (reached.isEmpty()) {
                    problems.add(Manifests.where(ingress) + ": path " + path.path("path").asText() + " reaches no route of " + module);
                }
                reached.stream().filter(r -> r.startsWith("/internal") || r.startsWith("/q/")).forEach(r ->
                        problems.add(Manifests.where(ingress) + ": path " + path.path("path").asText() + " publishes " + r));
                published.computeIfAbsent(module, m -> new ArrayList<>()).add(pattern.pattern());
            }
        }
        for (Map.Entry<String, List<String>> entry : published.entrySet()) {
            for (String route : settings.apply(entry.getKey()).routes()) {
                // An agent route is a path segment "agent" (the edge, /api/v1/agent/token); operators' routes such as
                // …/agent-credentials/rotate are not published.
                boolean agentRoute = route.contains("/agent/") || route.endsWith("/agent") || route.endsWith("/redeem");
                if (agentRoute && !route.startsWith("/internal")) {
                    String concrete = route.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                    if (entry.getValue().stream().noneMatch(p -> concrete.matches(p))) {
                        problems.add(Manifests.where(ingress) + ": the agent route " + route + " of " + entry.getKey() + " is not published");
                    }
                }
            }
        }
    }

    private static Pattern pattern(JsonNode path) {
        String p = path.path("path").asText();
        return switch (path.path("pathType").asText()) {
            case "Exact" -> Pattern.compile(Pattern.quote(p));
            case "Prefix" -> Pattern.compile(Pattern.quote(p) + "(/.*)?");
            default -> Pattern.compile(p); // ingress-nginx with use-regex
        };
    }

    private JsonNode workloadBehind(String serviceName) {
        return Manifests.ofKind(docs, "Service").stream().filter(s -> Manifests.name(s).equals(serviceName))
                .findFirst().map(s -> pods(s.path("spec").path("selector"))).filter(p -> !p.isEmpty()).map(p -> p.get(0))
                .flatMap(pod -> Manifests.ofKind(docs, "Deployment").stream()
                        .filter(d -> d.path("spec").path("template") == pod).findFirst())
                .orElse(null);
    }

    private static String module(JsonNode deployment) {
        String image = deployment.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
        String ref = image.split(":(?=[^:/]+$)")[0];
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** The pod templates whose labels the selector matches. */
    private List<JsonNode> pods(JsonNode selector) {
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode deployment : Manifests.ofKind(docs, "Deployment")) {
            JsonNode template = deployment.path("spec").path("template");
            if (selector.size() > 0 && selects(selector, template.path("metadata").path("labels"))) {
                pods.add(template);
            }
        }
        return pods;
    }

    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        for (var it = matchLabels.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!labels.path(e.getKey()).asText().equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }
}
