package dev.poolscope.ui.model;

import dev.poolscope.engine.RunReport;
import dev.poolscope.metrics.ErrorTable;

import java.util.ArrayList;
import java.util.List;

/** The dashboard's words for a run's failed tasks: a short summary, and the rows of the full list. */
public final class ErrorSummary {
    /** Groups named in the summary; the full list has them all. */
    public static final int GROUPS_SHOWN = 3;

    private ErrorSummary() {
    }

    /**
     * One row of the full list: a group's headline, or one of its examples.
     *
     * @param group the group's line ({@code 60 × WorkerCrashedException: ...}), or empty for an example row
     * @param worker the example's worker, or empty
     * @param pid the example's PID, or empty
     * @param task the example's task, or empty
     * @param message the example's full message, or empty for a group row
     */
    public record Row(String group, String worker, String pid, String task, String message) {
    }

    /** How many tasks failed and the largest groups, each saying what it shares and what differs. */
    public static String of(RunReport r) {
        long bad = r.counts().failed() + r.counts().timedOut();
        StringBuilder sb = new StringBuilder(bad + " of " + r.counts().submitted() + " tasks failed or timed out.");
        List<ErrorTable.Entry> errors = r.errors();
        for (ErrorTable.Entry e : errors.stream().limit(GROUPS_SHOWN).toList()) {
            sb.append("\n").append(line(e));
        }
        if (errors.size() > GROUPS_SHOWN) {
            sb.append("\n…and ").append(errors.size() - GROUPS_SHOWN).append(" more groups");
        }
        return sb.toString();
    }

    /** A group's line: its count, its kind, what its failures share and what differs. */
    public static String line(ErrorTable.Entry e) {
        return Format.count(e.count()) + " × " + e.describe();
    }

    /** Every group, each followed by its examples. */
    public static List<Row> rows(List<ErrorTable.Entry> errors) {
        List<Row> rows = new ArrayList<>();
        for (ErrorTable.Entry e : errors) {
            rows.add(new Row(line(e), "", "", "", ""));
            for (ErrorTable.Example x : e.examples()) {
                rows.add(new Row("", x.worker() < 0 ? "–" : Integer.toString(x.worker()),
                        x.pid() < 0 ? "–" : Long.toString(x.pid()), x.taskId() < 0 ? "–" : Long.toString(x.taskId()),
                        x.message()));
            }
        }
        return rows;
    }
}
