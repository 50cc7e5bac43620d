package dev.poolscope.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.metrics.Percentiles;
import dev.poolscope.metrics.SamplePoint;
import dev.poolscope.metrics.StallEpisode;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.WorkerDetail;

import java.util.List;

/**
 * The run report as one JSON document: the format the command line prints with
 * {@code --json} and the dashboard exports. Field names are a contract that
 * scripts read; add fields, never rename them.
 *
 * <p>Each figure has one meaning (the words as in {@link dev.poolscope.metrics.Counts}):
 * {@code wallSeconds} runs from the start to the instant the last task ended;
 * {@code teardownSeconds} is the pool's shutting down after that;
 * {@code throughputPerSecond} is tasks that ran to an end (succeeded, failed or
 * timed out) per wall second. In {@code samples}: {@code completed} is the
 * tasks ended so far in any outcome, {@code ran} the tasks that ran to an end
 * during the point's interval of {@code intervalMillis}, and
 * {@code throughputPerSecond} is {@code ran} per second of that interval; the
 * samples' {@code ran} add up to the tasks that ran.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The shared mapper (pretty-printing). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The report as a JSON tree. */
    public static ObjectNode toTree(RunReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        RunSpec s = r.spec();
        root.put("pool", s.pool());
        root.put("workers", s.workers());
        root.put("workload", s.workload().toString());
        ObjectNode tasks = root.putObject("tasks");
        tasks.put("submitted", r.counts().submitted());
        tasks.put("succeeded", r.counts().succeeded());
        tasks.put("failed", r.counts().failed());
        tasks.put("cancelled", r.counts().cancelled());
        tasks.put("rejected", r.counts().rejected());
        tasks.put("timedOut", r.counts().timedOut());
        root.put("wallSeconds", round(r.wallSeconds(), 6));
        root.put("teardownSeconds", round(r.teardownSeconds(), 6));
        root.put("throughputPerSecond", round(r.throughputPerSecond(), 3));
        percentiles(root.putObject("latencyMicros"), r.latency());
        percentiles(root.putObject("waitMicros"), r.waitTime());
        percentiles(root.putObject("serviceMicros"), r.service());
        root.put("workerRestarts", r.workerRestarts());
        ArrayNode errors = root.putArray("errors");
        for (ErrorTable.Entry e : r.errors()) {
            ObjectNode n = errors.addObject();
            n.put("type", e.type());
            n.put("message", e.message());
            n.put("count", e.count());
            n.put("kind", e.kind());
            n.put("shared", e.shared());
            n.put("workerCount", e.workers());
            n.put("pidCount", e.pidCount());
            ArrayNode pids = n.putArray("pids");
            e.pids().forEach(pids::add);
            ArrayNode examples = n.putArray("examples");
            for (ErrorTable.Example x : e.examples()) {
                ObjectNode xn = examples.addObject();
                xn.put("message", x.message());
                xn.put("worker", x.worker());
                xn.put("pid", x.pid());
                xn.put("taskId", x.taskId());
            }
        }
        ArrayNode samples = root.putArray("samples");
        for (SamplePoint p : r.samples()) {
            ObjectNode n = samples.addObject();
            n.put("elapsedMillis", p.elapsedMillis());
            n.put("queueDepth", p.queueDepth());
            n.put("activeWorkers", p.activeWorkers());
            n.put("completed", p.ended());
            n.put("ran", p.ran());
            n.put("intervalMillis", round(p.intervalMillis(), 3));
            n.put("throughputPerSecond", round(p.throughputPerSecond(), 3));
            n.put("p99Micros", round(p.p99Micros(), 3));
            n.put("p50Micros", round(p.p50Micros(), 3));
            n.put("poolSize", p.poolSize());
            n.put("cpuFraction", round(p.cpuFraction(), 4));
        }
        if (!r.workerDetails().isEmpty()) {
            ArrayNode details = root.putArray("workerDetails");
            for (WorkerDetail d : r.workerDetails()) {
                ObjectNode n = details.addObject();
                n.put("id", d.id());
                n.put("pid", d.pid());
                n.put("tasks", d.tasks());
                n.put("restarts", d.restarts());
                ArrayNode st = n.putArray("startupMillis");
                d.startupMillis().forEach(v -> st.add(round(v, 3)));
                ArrayNode ex = n.putArray("exitReasons");
                d.exitReasons().forEach(ex::add);
                n.put("cpuSeconds", d.cpuNanos() < 0 ? -1 : round(d.cpuNanos() / 1e9, 6));
                n.put("rssBytes", d.rssBytes());
            }
        }
        // additions beyond the fixed fields
        root.put("state", r.state().label());
        root.put("finalWorkers", r.finalWorkers());
        root.put("queueCapacity", s.queueCapacity() == PoolConfig.UNBOUNDED ? -1 : s.queueCapacity());
        root.put("rejection", s.rejection().cliName());
        root.put("arrival", s.arrival().describe());
        root.put("seed", s.seed());
        root.put("taskTimeoutMillis", s.taskTimeout().toMillis());
        root.put("cpuSeconds", round(r.cpuNanos() / 1e9, 6));
        root.put("cpuUtilisation", round(r.cpuUtilisation(), 4));
        if ("cluster".equals(s.pool())) {
            root.put("members", r.workerDetails().size()); // one worker detail per member slot
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        root.put("topLevelTasks", r.topLevelTasks());
        root.put("queueOrder", s.queueOrder().cliName());
        root.put("onStall", s.stallPolicy().action().cliName());
        root.put("stallGraceMillis", s.stallPolicy().grace().toMillis());
        ArrayNode stalls = root.putArray("stalls");
        for (StallEpisode e : r.stalls()) {
            ObjectNode n = stalls.addObject();
            n.put("kind", e.kind());
            n.put("detectedAtMillis", e.detectedAtMillis());
            if (e.ended()) {
                n.put("endedAtMillis", e.endedAtMillis());
            } else {
                n.putNull("endedAtMillis");
            }
            ArrayNode w = n.putArray("workers");
            e.workers().forEach(w::add);
            ArrayNode on = n.putArray("waitingOn");
            e.waitingOn().forEach(on::add);
            n.put("failedTasks", e.failedTasks());
        }
        if (!r.latencyByPriority().isEmpty()) {
            ObjectNode byClass = root.putObject("latencyByPriority");
            r.latencyByPriority().forEach((k, p) -> percentiles(byClass.putObject(String.valueOf(k)), p));
        }
        return root;
    }

    /** The report as pretty-printed JSON text. */
    public static String toJson(RunReport r) {
        try {
            return MAPPER.writeValueAsString(toTree(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample series as CSV with a header line; the columns mean what the JSON {@code samples} fields do. */
    public static String samplesCsv(List<SamplePoint> points) {
        StringBuilder sb = new StringBuilder("elapsedMillis,poolSize,queueDepth,activeWorkers,completed,throughputPerSecond,p50Micros,p90Micros,p99Micros,cpuFraction,ran,intervalMillis\n");
        for (SamplePoint p : points) {
            sb.append(p.elapsedMillis()).append(',').append(p.poolSize()).append(',').append(p.queueDepth()).append(',')
                    .append(p.activeWorkers()).append(',').append(p.ended()).append(',')
                    .append(round(p.throughputPerSecond(), 3)).append(',').append(round(p.p50Micros(), 3)).append(',')
                    .append(round(p.p90Micros(), 3)).append(',').append(round(p.p99Micros(), 3)).append(',')
                    .append(round(p.cpuFraction(), 4)).append(',').append(p.ran()).append(',')
                    .append(round(p.intervalMillis(), 3)).append('\n');
        }
        return sb.toString();
    }

    private static void percentiles(ObjectNode n, Percentiles p) {
        n.put("p50", round(Percentiles.micros(p.p50()), 3));
        n.put("p90", round(Percentiles.micros(p.p90()), 3));
        n.put("p99", round(Percentiles.micros(p.p99()), 3));
        n.put("max", round(Percentiles.micros(p.max()), 3));
    }

    private static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return 0;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
