package dev.poolscope.attach;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.engine.ReportJson;
import dev.poolscope.metrics.Percentiles;

/**
 * A watch report as one JSON document: {@code pid}, {@code mode}, {@code javaVersion}, and {@code pools}, each with
 * {@code name}, {@code kind}, {@code threads}, {@code active}, {@code queueDepth}, {@code completed},
 * {@code rejected}, {@code throughputPerSecond}, {@code waitMicros}, {@code serviceMicros} (each {@code p50},
 * {@code p90}, {@code p99}, {@code max}) and {@code samples} (the shape of a run's samples). A figure the mode
 * cannot see is null. Field names are a contract: add, never rename.
 */
public final class WatchJson {
    private WatchJson() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode toTree(WatchReport r) {
        ObjectNode root = ReportJson.mapper().createObjectNode();
        root.put("pid", r.pid());
        root.put("mode", r.mode());
        root.put("javaVersion", r.javaVersion());
        ArrayNode pools = root.putArray("pools");
        for (PoolFigures p : r.pools()) {
            ObjectNode n = pools.addObject();
            n.put("name", p.name());
            n.put("kind", p.kind());
            n.put("threads", p.threads());
            n.put("active", p.active());
            n.put("queueDepth", p.queueDepth());
            n.put("completed", p.completed());
            n.put("rejected", p.rejected());
            n.put("throughputPerSecond", round(p.throughputPerSecond(), 3));
            percentiles(n, "waitMicros", p.queueWait());
            percentiles(n, "serviceMicros", p.service());
            ArrayNode samples = n.putArray("samples");
            for (WatchPoint s : p.samples()) {
                ObjectNode o = samples.addObject();
                o.put("elapsedMillis", s.elapsedMillis());
                o.put("queueDepth", s.queueDepth());
                o.put("activeWorkers", s.activeWorkers());
                o.put("completed", s.completed());
                o.put("throughputPerSecond", round(s.throughputPerSecond(), 3));
                o.put("p99Micros", round(s.p99Micros(), 3));
                o.put("p50Micros", round(s.p50Micros(), 3));
                o.put("poolSize", s.poolSize());
                o.put("cpuFraction", round(s.cpuFraction(), 4));
            }
            // additions beyond the fixed fields
            percentiles(n, "cpuMicros", p.cpu());
            n.put("threadNames", PoolLabels.threadNames(p.workers()));
            n.put("coreSize", p.coreSize());
            n.put("maxSize", p.maxSize());
            ArrayNode workers = n.putArray("workers");
            for (WorkerThread w : p.workers()) {
                workers.addObject().put("id", w.id()).put("name", w.name()).put("state", w.state()).put("busy", w.busy());
            }
            n.put("note", p.note());
            PoolStall st = p.stall();
            if (st == null) {
                n.putNull("stall");
            } else {
                ObjectNode o = n.putObject("stall");
                o.put("kind", st.kind());
                ArrayNode names = o.putArray("threads");
                st.threads().forEach(names::add);
                o.put("since", st.sinceMillis());
                ArrayNode calls = o.putArray("waitsOn");
                st.waitsOn().forEach(calls::add);
                o.put("basis", "a suspicion from thread stacks: every worker is parked waiting for another task's result");
            }
            percentiles(n, "blockedMicros", p.blocked());
        }
        root.put("elapsedMillis", r.elapsedMillis());
        root.put("ending", r.ending());
        ArrayNode limits = root.putArray("limits");
        r.limits().forEach(limits::add);
        return root;
    }

    /** The report as pretty-printed JSON text. */
    public static String toJson(WatchReport r) {
        try {
            return ReportJson.mapper().writeValueAsString(toTree(r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void percentiles(ObjectNode n, String field, Percentiles p) {
        if (p == null || p.count() == 0) {
            n.putNull(field);
            return;
        }
        ObjectNode o = n.putObject(field);
        o.put("p50", Percentiles.micros(p.p50()));
        o.put("p90", Percentiles.micros(p.p90()));
        o.put("p99", Percentiles.micros(p.p99()));
        o.put("max", Percentiles.micros(p.max()));
        o.put("count", p.count());
    }

    private static Double round(Double v, int digits) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return null;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
