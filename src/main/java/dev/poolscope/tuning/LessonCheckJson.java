package dev.poolscope.tuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.engine.ReportJson;

import java.util.List;
import java.util.Map;

/**
 * Checked lessons as one JSON document, as {@code poolscope lessons check --json}
 * writes it: {@code lessons} [{{@code id}, {@code title}, {@code runs} [{{@code label},
 * {@code pool}, {@code workers}, {@code workload}, {@code tasks}, {@code throughputPerSecond},
 * {@code latencyMicros}, {@code waitMicros}, {@code serviceMicros}, {@code tasksOutcome}}],
 * {@code claims} [{{@code claim}, {@code held}, {@code figures}}]}]. These names are a
 * contract scripts read: add fields, never rename.
 */
public final class LessonCheckJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LessonCheckJson() {
    }

    /**
     * The document.
     *
     * @param problems lesson files that were left out, each as {@code file: reason}
     */
    public static ObjectNode toTree(List<LessonOutcome> outcomes, List<String> problems, int cores) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode lessons = root.putArray("lessons");
        for (LessonOutcome o : outcomes) {
            ObjectNode l = lessons.addObject();
            l.put("id", o.lesson().id());
            l.put("title", o.lesson().title());
            ArrayNode runs = l.putArray("runs");
            for (LessonRun r : o.runs()) {
                runs.add(run(r, cores));
            }
            ArrayNode claims = l.putArray("claims");
            for (ClaimResult c : o.claims()) {
                ObjectNode n = claims.addObject();
                n.put("claim", c.text());
                n.put("held", c.held());
                ObjectNode f = n.putObject("figures");
                for (Map.Entry<String, Double> e : c.figures().entrySet()) {
                    f.put(e.getKey(), e.getValue());
                }
                if (!c.held()) {
                    n.put("reason", c.reason());
                }
            }
            // additions beyond the fixed fields
            l.put("held", o.held());
            if (o.answer() != null) {
                l.put("answer", o.answer());
            }
        }
        root.put("cores", cores);
        root.put("held", !outcomes.isEmpty() && outcomes.stream().allMatch(LessonOutcome::held));
        ArrayNode p = root.putArray("problems");
        problems.forEach(p::add);
        return root;
    }

    private static ObjectNode run(LessonRun r, int cores) {
        ObjectNode n = MAPPER.createObjectNode();
        LessonPreset p = r.preset();
        n.put("label", p.label());
        if (!r.ran()) {
            n.put("pool", p.pool());
            n.put("workers", p.workers() == null ? 0 : p.workers().resolve(cores));
            n.put("workload", p.workload());
            n.put("tasks", p.tasks());
            n.put("id", r.id());
            n.put("problem", r.problem());
            return n;
        }
        ObjectNode report = ReportJson.toTree(r.report());
        n.set("pool", report.get("pool"));
        n.set("workers", report.get("workers"));
        n.set("workload", report.get("workload"));
        n.put("tasks", r.spec().tasks());
        n.set("throughputPerSecond", report.get("throughputPerSecond"));
        n.set("latencyMicros", report.get("latencyMicros"));
        n.set("waitMicros", report.get("waitMicros"));
        n.set("serviceMicros", report.get("serviceMicros"));
        n.set("tasksOutcome", report.get("tasks"));
        n.put("id", r.id());
        n.set("wallSeconds", report.get("wallSeconds"));
        n.set("state", report.get("state"));
        double other = r.figures().otherCores();
        n.put("otherCores", Double.isNaN(other) ? -1 : Math.round(other * 1000) / 1000.0);
        return n;
    }

    /** The document as pretty-printed JSON text. */
    public static String toJson(List<LessonOutcome> outcomes, List<String> problems, int cores) {
        try {
            return MAPPER.writeValueAsString(toTree(outcomes, problems, cores));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
