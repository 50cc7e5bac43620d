package dev.poolscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.SamplePoint;
import dev.poolscope.metrics.TaskSpan;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each figure means one thing in the samples, the report, its JSON and CSV, and the live headline. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunFiguresTest {
    private final RunEngine engine = RunEngine.standard();

    @Test
    void runWithRejections_samplesAddUpToTheTasksThatRan_andEveryViewAgrees() throws Exception {
        // tasks of about 20 ms keep the run going for several 10 ms samples, however fast the machine
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("cpu:size=400000"), 2000)
                .withQueue(1, RejectionPolicy.ABORT).withSampleInterval(Duration.ofMillis(10));
        List<MetricsSnapshot> seen = new CopyOnWriteArrayList<>();
        RunReport r;
        try (Run run = engine.start(spec)) {
            run.addListener(seen::add);
            r = run.await(Duration.ofSeconds(40));
        }
        Counts c = r.counts();
        assertEquals(RunState.COMPLETED, r.state());
        assertTrue(c.rejected() > 0, "a queue of one rejects: " + c);
        assertTrue(c.ran() < c.ended());

        // the samples: ran adds up exactly, and throughput x interval is ran, not every ended task
        List<SamplePoint> samples = r.samples();
        assertEquals(c.ran(), samples.stream().mapToLong(SamplePoint::ran).sum(), "sum of samples' ran");
        double fromThroughput = samples.stream().mapToDouble(p -> p.throughputPerSecond() * p.intervalNanos() / 1e9).sum();
        assertEquals(c.ran(), fromThroughput, 1e-6 * c.ran() + 1e-6, "sum of throughput x interval");
        assertEquals(c.ended(), samples.get(samples.size() - 1).ended(), "completed is every ended task");

        // the report and its JSON
        assertEquals(c.ran() / r.wallSeconds(), r.throughputPerSecond(), 1e-9 * r.throughputPerSecond());
        JsonNode json = ReportJson.toTree(r);
        long jsonRan = 0;
        double jsonFromThroughput = 0;
        for (JsonNode p : json.get("samples")) {
            jsonRan += p.get("ran").asLong();
            jsonFromThroughput += p.get("throughputPerSecond").asDouble() * p.get("intervalMillis").asDouble() / 1e3;
        }
        assertEquals(c.ran(), jsonRan);
        assertEquals(c.ran(), jsonFromThroughput, 0.01 * samples.size() + 1e-3 * c.ran());
        JsonNode tasks = json.get("tasks");
        assertEquals(c.ran(), tasks.get("succeeded").asLong() + tasks.get("failed").asLong() + tasks.get("timedOut").asLong());
        assertEquals(c.ran() / json.get("wallSeconds").asDouble(), json.get("throughputPerSecond").asDouble(),
                1e-3 * r.throughputPerSecond() + 1e-3);

        // the CSV: the same points, the same throughput column
        String[] lines = ReportJson.samplesCsv(samples).split("\n");
        List<String> header = List.of(lines[0].split(","));
        int thr = header.indexOf("throughputPerSecond");
        int ran = header.indexOf("ran");
        int interval = header.indexOf("intervalMillis");
        assertEquals(samples.size() + 1, lines.length);
        long csvRan = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            csvRan += Long.parseLong(f[ran]);
            assertEquals(json.get("samples").get(i - 1).get("throughputPerSecond").asDouble(), Double.parseDouble(f[thr]), 1e-9);
            assertEquals(json.get("samples").get(i - 1).get("intervalMillis").asDouble(), Double.parseDouble(f[interval]), 1e-9);
        }
        assertEquals(c.ran(), csvRan);

        // the live headline: the rate between two snapshots is the sampler's throughput for that interval
        LiveRunModel live = new LiveRunModel(2);
        live.begin(spec);
        MetricsSnapshot previous = null;
        int compared = 0;
        for (MetricsSnapshot s : seen) {
            live.apply(s);
            if (previous != null && s.sequence() == previous.sequence() + 1) {
                var data = live.throughputSeries().data();
                double headline = data.get(data.size() - 1).y();
                assertEquals(s.throughputPerSecond(), headline, 1e-6 * s.throughputPerSecond() + 1e-6,
                        "headline and samples agree at snapshot " + s.sequence());
                compared++;
            }
            previous = s;
        }
        assertTrue(compared > 0, "snapshots compared: " + seen.size());
        live.finish(r);
        assertTrue(live.statusProperty().get().contains(dev.poolscope.ui.model.Format.rate(r.throughputPerSecond())),
                live.statusProperty().get());
    }

    @Test
    void stoppedRun_withCancelledTasks_samplesAddUpToTheTasksThatRan() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("io:millis=5"), 2000).withSampleInterval(Duration.ofMillis(10));
        CountDownLatch someEnded = new CountDownLatch(1);
        RunReport r;
        try (Run run = engine.start(spec)) {
            run.addListener(s -> {
                if (s.counts().ran() >= 20) {
                    someEnded.countDown();
                }
            });
            assertTrue(someEnded.await(30, TimeUnit.SECONDS));
            run.stop();
            r = run.await(Duration.ofSeconds(30));
        }
        Counts c = r.counts();
        assertEquals(RunState.STOPPED, r.state());
        assertTrue(c.cancelled() > 0, "queued tasks were cancelled: " + c);
        assertEquals(c.ran(), r.samples().stream().mapToLong(SamplePoint::ran).sum());
        double fromThroughput = r.samples().stream().mapToDouble(p -> p.throughputPerSecond() * p.intervalNanos() / 1e9).sum();
        assertEquals(c.ran(), fromThroughput, 1e-6 * c.ran() + 1e-6);
    }

    @Test
    void processRun_wallTimeEndsAtTheLastTaskEnd_andTeardownIsReportedBeside() throws Exception {
        RunSpec spec = RunSpec.of("process", 2, WorkloadSpec.parse("io:millis=20"), 8).withSampleInterval(Duration.ofMillis(10));
        Map<Long, TaskSpan> spans = new ConcurrentHashMap<>();
        RunReport r;
        long start;
        long origin;
        try (Run run = engine.start(spec)) {
            run.addListener(s -> s.spans().stream().filter(t -> !t.running()).forEach(t -> spans.put(t.taskId(), t)));
            r = run.await(Duration.ofSeconds(40));
            start = run.startNanos();
            origin = run.pool().metrics().originNanos();
        }
        assertEquals(RunState.COMPLETED, r.state());
        assertEquals(8, r.counts().succeeded());
        assertEquals(8, spans.size(), "every task's span was seen: " + spans.keySet());
        long lastEnd = spans.values().stream().mapToLong(TaskSpan::endNanos).max().orElseThrow() + origin;
        assertEquals(lastEnd, start + r.wallNanos(), "the wall time ends at the last task's recorded end");
        assertTrue(r.teardownNanos() > 0, "worker JVMs take time to exit: " + r.teardownNanos());
        SamplePoint last = r.samples().get(r.samples().size() - 1);
        assertEquals(8, last.ended());
        assertEquals(8, r.samples().stream().mapToLong(SamplePoint::ran).sum());
        assertEquals(8 / r.wallSeconds(), r.throughputPerSecond(), 1e-9 * r.throughputPerSecond());
        JsonNode json = ReportJson.toTree(r);
        assertEquals(r.teardownSeconds(), json.get("teardownSeconds").asDouble(), 1e-6);
    }
}
