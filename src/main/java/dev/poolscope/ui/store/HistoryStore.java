package dev.poolscope.ui.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.engine.ReportJson;
import dev.poolscope.engine.RunReport;
import dev.poolscope.metrics.SamplePoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run history on disk: {@code history.json} indexes the runs (spec,
 * headline figures, a thinned series); {@code runs/ID.json} and
 * {@code runs/ID.csv} hold each run's full report and sample CSV.
 * Not thread-safe: call from one thread.
 */
public final class HistoryStore {
    /** Runs the index keeps; older ones are dropped with their files. */
    public static final int MAX_RUNS = 200;
    /** Sample points kept per run in the index. */
    public static final int SAMPLES_KEPT = 300;
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;

    /** A store in the given config directory. */
    public HistoryStore(Path dir) {
        this.dir = dir;
    }

    public Path indexFile() {
        return dir.resolve("history.json");
    }

    /** The full report JSON of a run. */
    public Path reportFile(String id) {
        return dir.resolve("runs").resolve(id + ".json");
    }

    /** The sample CSV of a run. */
    public Path csvFile(String id) {
        return dir.resolve("runs").resolve(id + ".csv");
    }

    /** Reads the index; a missing file is an empty history, an unreadable one is moved aside. */
    public LoadResult<List<HistoryEntry>> load() {
        Path f = indexFile();
        if (!Files.exists(f)) {
            return new LoadResult<>(List.of(), null);
        }
        try {
            JsonNode root = JsonFiles.MAPPER.readTree(f.toFile());
            JsonNode runs = root == null ? null : root.get("runs");
            if (runs == null || !runs.isArray()) {
                throw new IOException("no 'runs' array");
            }
            List<HistoryEntry> out = new ArrayList<>();
            for (JsonNode r : runs) {
                out.add(entry(r));
            }
            return new LoadResult<>(out, null);
        } catch (IOException | RuntimeException e) {
            return new LoadResult<>(List.of(), JsonFiles.setAside(f, e));
        }
    }

    private static HistoryEntry entry(JsonNode r) {
        List<SamplePoint> samples = new ArrayList<>();
        for (JsonNode p : r.path("samples")) {
            // ran and the interval were added as the last two columns; older files lack them
            samples.add(new SamplePoint(p.get(0).asLong(), p.get(1).asInt(), p.get(2).asLong(), p.get(3).asInt(),
                    p.get(4).asLong(), p.path(10).asLong(0), p.path(11).asLong(0), p.get(5).asDouble(),
                    p.get(6).asDouble(), p.get(7).asDouble(), p.get(8).asDouble(), p.get(9).asDouble()));
        }
        JsonNode summary = r.get("summary");
        if (summary == null || !summary.isObject()) {
            throw new IllegalArgumentException("a run has no 'summary'");
        }
        return new HistoryEntry(r.path("id").asText(), Instant.parse(r.path("finishedAt").asText()),
                SpecJson.fromJson(r.get("spec")), (ObjectNode) summary, samples);
    }

    /** Makes an entry for a finished run and writes its report and CSV files. */
    public HistoryEntry record(RunReport report, Instant finishedAt) throws IOException {
        String id = ID.format(finishedAt) + "-" + String.format("%04d", SEQ.incrementAndGet() % 10_000);
        ObjectNode tree = ReportJson.toTree(report);
        JsonFiles.write(reportFile(id), ReportJson.toJson(report));
        JsonFiles.write(csvFile(id), ReportJson.samplesCsv(report.samples()));
        ObjectNode summary = tree.deepCopy();
        summary.remove("samples");
        summary.remove("workerDetails");
        return new HistoryEntry(id, finishedAt, report.spec(), summary, thin(report.samples(), SAMPLES_KEPT));
    }

    /** Writes the index for these entries (newest last), dropping the oldest beyond {@link #MAX_RUNS} with their files. */
    public List<HistoryEntry> save(List<HistoryEntry> entries) throws IOException {
        List<HistoryEntry> kept = entries;
        if (entries.size() > MAX_RUNS) {
            for (HistoryEntry old : entries.subList(0, entries.size() - MAX_RUNS)) {
                deleteFiles(old.id());
            }
            kept = List.copyOf(entries.subList(entries.size() - MAX_RUNS, entries.size()));
        }
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        root.put("version", 1);
        ArrayNode runs = root.putArray("runs");
        for (HistoryEntry e : kept) {
            ObjectNode r = runs.addObject();
            r.put("id", e.id());
            r.put("finishedAt", e.finishedAt().toString());
            r.set("spec", SpecJson.toJson(e.spec()));
            r.set("summary", e.summary());
            ArrayNode samples = r.putArray("samples");
            for (SamplePoint p : e.samples()) {
                samples.addArray().add(p.elapsedMillis()).add(p.poolSize()).add(p.queueDepth()).add(p.activeWorkers())
                        .add(p.ended()).add(p.throughputPerSecond()).add(p.p50Micros()).add(p.p90Micros())
                        .add(p.p99Micros()).add(p.cpuFraction()).add(p.ran()).add(p.intervalNanos());
            }
        }
        JsonFiles.write(indexFile(), root);
        return kept;
    }

    /** Removes a run's report and CSV files. */
    public void deleteFiles(String id) throws IOException {
        Files.deleteIfExists(reportFile(id));
        Files.deleteIfExists(csvFile(id));
    }

    /**
     * At most {@code max} points, evenly spaced, always keeping the last; each
     * kept point has the points dropped before it merged into it
     * ({@link SamplePoint#merge}), so the tasks that ran still add up.
     */
    static List<SamplePoint> thin(List<SamplePoint> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        List<SamplePoint> out = new ArrayList<>(max);
        double step = (points.size() - 1) / (double) (max - 1);
        int next = 0;
        for (int i = 0; i < max; i++) {
            int keep = (int) Math.round(i * step);
            SamplePoint p = points.get(next);
            for (int j = next + 1; j <= keep; j++) {
                p = SamplePoint.merge(p, points.get(j));
            }
            out.add(p);
            next = keep + 1;
        }
        return out;
    }
}
