package dev.poolscope.ui.model;

import dev.poolscope.ui.store.HistoryEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The figures of several runs side by side: one row per figure, one value per run. */
public final class CompareTable {
    private CompareTable() {
    }

    /**
     * One figure across runs.
     *
     * @param name what the figure is
     * @param values one formatted value per run, in the runs' order
     */
    public record Row(String name, List<String> values) {
        public Row {
            values = List.copyOf(values);
        }
    }

    /** The rows for these runs. */
    public static List<Row> rows(List<HistoryEntry> runs) {
        List<Row> rows = new ArrayList<>();
        rows.add(row("Pool", runs, e -> e.spec().pool()));
        rows.add(row("Workers", runs, HistoryEntry::workersText));
        rows.add(row("Workload", runs, e -> e.spec().workload().toString()));
        rows.add(row("Tasks", runs, e -> Format.count(e.spec().tasks())));
        rows.add(row("Arrival", runs, e -> e.spec().arrival().describe()));
        rows.add(row("Ended", runs, HistoryEntry::state));
        rows.add(row("Wall time", runs, e -> Format.decimal(e.wallSeconds(), 2) + " s"));
        rows.add(row("Throughput", runs, e -> Format.rate(e.throughput())));
        rows.add(row("Latency p50", runs, e -> Format.micros(e.latencyMicros("p50"))));
        rows.add(row("Latency p99", runs, e -> Format.micros(e.latencyMicros("p99"))));
        rows.add(row("Service p50", runs, e -> Format.micros(e.serviceMicros("p50"))));
        rows.add(row("Wait p50", runs, e -> Format.micros(e.waitMicros("p50"))));
        rows.add(row("CPU (all cores)", runs, e -> Format.percent(e.cpuUtilisation())));
        rows.add(row("Succeeded", runs, e -> Format.count(e.tasks("succeeded"))));
        rows.add(row("Failed / timed out", runs, e -> Format.count(e.tasks("failed")) + " / " + Format.count(e.tasks("timedOut"))));
        rows.add(row("Rejected", runs, e -> Format.count(e.tasks("rejected"))));
        return rows;
    }

    private static Row row(String name, List<HistoryEntry> runs, Function<HistoryEntry, String> f) {
        return new Row(name, runs.stream().map(f).toList());
    }
}
