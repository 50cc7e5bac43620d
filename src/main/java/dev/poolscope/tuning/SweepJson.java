package dev.poolscope.tuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sweep result as one JSON document, as {@code poolscope sweep --json}
 * writes it. The fields {@code points}, {@code fits}, {@code recommendedWorkers}
 * and {@code explanation} are a contract scripts read: add fields, never rename.
 */
public final class SweepJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepJson() {
    }

    /** The result as a JSON tree. */
    public static ObjectNode toTree(SweepResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode points = root.putArray("points");
        for (SweepPoint p : r.points()) {
            ObjectNode n = points.addObject();
            n.put("pool", p.pool());
            n.put("workers", p.workers());
            n.put("throughputPerSecond", round(p.throughputPerSecond(), 3));
            n.put("p50Micros", round(p.p50Micros(), 3));
            n.put("p99Micros", round(p.p99Micros(), 3));
            n.put("repetitions", p.repetitions());
            ArrayNode each = n.putArray("throughputs");
            p.throughputs().forEach(t -> each.add(round(t, 3)));
            n.put("failedTasks", p.failedTasks());
            n.put("coresUsed", round(p.coresUsed(), 3));
            n.put("cpuPerBusy", round(p.cpuPerBusy(), 3));
            if (!Double.isNaN(p.backgroundCores())) {
                n.put("backgroundCores", round(p.backgroundCores(), 3));
            }
        }
        ArrayNode fits = root.putArray("fits");
        for (ScalabilityFit f : r.fits()) {
            ObjectNode n = fits.addObject();
            n.put("pool", f.pool());
            n.put("model", f.model().jsonName());
            n.put("sigma", round(f.sigma(), 6));
            n.put("kappa", round(f.kappa(), 8));
            n.put("lambda", round(f.lambda(), 3));
            n.put("r2", round(f.r2(), 4));
        }
        ObjectNode rec = root.putObject("recommendedWorkers");
        r.recommendedWorkers().forEach(rec::put);
        root.put("explanation", r.explanation());
        // additions beyond the fixed fields
        root.put("workload", r.spec().base().workload().toString());
        root.put("tasks", r.spec().base().tasks());
        root.put("repetitions", r.spec().repetitions());
        if (r.spec().p99Target() != null) {
            root.put("p99TargetMicros", r.spec().p99Target().toNanos() / 1e3);
        }
        root.put("cores", r.cores());
        if (!Double.isNaN(r.backgroundCores())) {
            root.put("backgroundCores", round(r.backgroundCores(), 3));
        }
        root.put("cancelled", r.cancelled());
        return root;
    }

    /** The result as pretty-printed JSON text. */
    public static String toJson(SweepResult r) {
        try {
            return MAPPER.writeValueAsString(toTree(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return 0;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
