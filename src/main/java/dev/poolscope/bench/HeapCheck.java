package dev.poolscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.workload.WorkloadSpec;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The heap target: a run of many trivial tasks fits in a 256 MB heap. The check
 * runs in a child JVM started with {@code -Xmx256m} (so an unbounded design
 * fails with {@link OutOfMemoryError} instead of borrowing the parent's heap),
 * and reports the peak heap use its memory pools saw and the live heap after a
 * full collection at the end.
 *
 * <p>{@link #main} is the child; {@link #run} starts it and reads its result file.
 */
public final class HeapCheck {
    /** The heap limit of the child JVM, in MB. */
    public static final int LIMIT_MB = 256;

    /**
     * The {@code heap} section.
     *
     * @param pool the pool kind run
     * @param workers its workers
     * @param tasks no-op tasks submitted
     * @param succeeded tasks that succeeded
     * @param limitMB the child's {@code -Xmx}
     * @param peakUsedMB sum of the heap memory pools' peak use (an upper bound of the true peak)
     * @param liveAfterGcMB heap used after a full collection once the run ended
     * @param gcMillis time the collectors reported
     * @param seconds the run's wall time
     * @param completed true if the child finished without running out of memory
     * @param error what went wrong otherwise
     */
    public record Result(String pool, int workers, long tasks, long succeeded, int limitMB, double peakUsedMB,
                         double liveAfterGcMB, long gcMillis, double seconds, boolean completed, String error) {
    }

    private HeapCheck() {
    }

    /** Starts the child JVM and waits for its result. */
    public static Result run(String pool, int workers, long tasks) throws IOException, InterruptedException {
        Path out = Files.createTempFile("poolscope-heapcheck", ".json");
        try {
            Process p = ChildJvm.start(List.of("-Xmx" + LIMIT_MB + "m", "-XX:+UseG1GC"), HeapCheck.class,
                    List.of(pool, String.valueOf(workers), String.valueOf(tasks), out.toString()));
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(pool, workers, tasks, 0, LIMIT_MB, -1, -1, -1, -1, false, "did not finish in 10 minutes");
            }
            String text = Files.readString(out);
            if (p.exitValue() != 0 || text.isBlank()) {
                return new Result(pool, workers, tasks, 0, LIMIT_MB, -1, -1, -1, -1, false,
                        text.isBlank() ? "the child JVM exited with " + p.exitValue() : text.strip());
            }
            JsonNode j = new ObjectMapper().readTree(text);
            return new Result(pool, workers, tasks, j.path("succeeded").asLong(), LIMIT_MB,
                    j.path("peakUsedMB").asDouble(), j.path("liveAfterGcMB").asDouble(), j.path("gcMillis").asLong(),
                    j.path("seconds").asDouble(), j.path("succeeded").asLong() == tasks, null);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * The child: {@code POOL WORKERS TASKS RESULT_FILE}. Writes one JSON object
     * to the file; on {@link OutOfMemoryError} writes the error and exits with 3.
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[3]);
        try {
            for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) {
                m.resetPeakUsage();
            }
            RunSpec spec = RunSpec.of(args[0], Integer.parseInt(args[1]), WorkloadSpec.of("noop"), Long.parseLong(args[2]));
            RunReport r;
            try (Run run = RunEngine.standard().start(spec)) {
                r = run.await(Duration.ofMinutes(9));
            }
            long peak = 0;
            for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) {
                if (m.getType() == MemoryType.HEAP) {
                    peak += m.getPeakUsage().getUsed();
                }
            }
            System.gc();
            long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long gc = 0;
            for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, g.getCollectionTime());
            }
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("succeeded", r.counts().succeeded());
            o.put("peakUsedMB", Stats.round(peak / 1048576.0, 1));
            o.put("liveAfterGcMB", Stats.round(live / 1048576.0, 1));
            o.put("gcMillis", gc);
            o.put("seconds", Stats.round(r.wallSeconds(), 3));
            Files.writeString(file, o.toString());
        } catch (OutOfMemoryError e) {
            Files.writeString(file, "out of memory: " + e.getMessage());
            Runtime.getRuntime().halt(3);
        }
        Runtime.getRuntime().halt(0);
    }
}
