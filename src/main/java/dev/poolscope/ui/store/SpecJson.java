package dev.poolscope.ui.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.WorkloadSpec;

import java.time.Duration;

/** A run spec as a small JSON object, for presets and history. */
public final class SpecJson {
    private SpecJson() {
    }

    /** The spec as JSON. */
    public static ObjectNode toJson(RunSpec s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("pool", s.pool());
        n.put("workers", s.workers());
        n.put("queueCapacity", s.queueCapacity() == PoolConfig.UNBOUNDED ? -1 : s.queueCapacity());
        n.put("rejection", s.rejection().cliName());
        n.put("workload", s.workload().toString());
        n.put("tasks", s.tasks());
        switch (s.arrival()) {
            case Arrival.FixedRate r -> {
                n.put("arrival", "fixed");
                n.put("rate", r.perSecond());
            }
            case Arrival.Poisson p -> {
                n.put("arrival", "poisson");
                n.put("rate", p.perSecond());
            }
            case Arrival.Batches b -> {
                n.put("arrival", "batches");
                n.put("batchSize", b.size());
                n.put("batchEveryMillis", b.every().toMillis());
            }
            default -> n.put("arrival", "all");
        }
        n.put("seed", s.seed());
        n.put("taskTimeoutMillis", s.taskTimeout().toMillis());
        return n;
    }

    /**
     * Reads a spec written by {@link #toJson}.
     *
     * @throws IllegalArgumentException if a field is missing or malformed
     */
    public static RunSpec fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a run spec must be a JSON object");
        }
        int queue = required(n, "queueCapacity").asInt();
        Arrival arrival = switch (n.path("arrival").asText("all")) {
            case "fixed" -> new Arrival.FixedRate(required(n, "rate").asDouble());
            case "poisson" -> new Arrival.Poisson(required(n, "rate").asDouble());
            case "batches" -> new Arrival.Batches(required(n, "batchSize").asInt(),
                    Duration.ofMillis(required(n, "batchEveryMillis").asLong()));
            default -> new Arrival.AllAtOnce();
        };
        return RunSpec.of(required(n, "pool").asText(), required(n, "workers").asInt(),
                        WorkloadSpec.parse(required(n, "workload").asText()), required(n, "tasks").asLong())
                .withQueue(queue < 0 ? PoolConfig.UNBOUNDED : queue, RejectionPolicy.parse(n.path("rejection").asText("block")))
                .withArrival(arrival)
                .withSeed(n.path("seed").asLong(42))
                .withTaskTimeout(Duration.ofMillis(n.path("taskTimeoutMillis").asLong(0)));
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("run spec has no '" + field + "'");
        }
        return v;
    }
}
