package dev.poolscope.host;

import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.engine.RunState;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs in a real engine host process: streamed snapshots, the report, refusals, and no process left behind. */
@Timeout(120)
class HostBackendTest {
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void nothingLeft() throws Exception {
        for (ProcessHandle p : started) {
            p.onExit().get(20, TimeUnit.SECONDS);
            assertFalse(p.isAlive(), "process left alive: " + p.pid());
        }
    }

    private HostBackend launch() throws Exception {
        HostBackend b = HostBackend.launch(List.of("-Xmx256m"));
        started.add(b.handle());
        return b;
    }

    @Test
    void run_inTheHost_streamsSnapshots_andEndsWithAReportWhoseCountsAddUp() throws Exception {
        try (HostBackend host = launch()) {
            RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("cpu:size=20000"), 600)
                    .withSampleInterval(Duration.ofMillis(20));
            List<MetricsSnapshot> seen = new CopyOnWriteArrayList<>();
            RunControl run = host.start(spec);
            run.addListener(seen::add);
            RunReport report = run.report().get(60, TimeUnit.SECONDS);
            assertEquals(RunState.COMPLETED, report.state());
            assertEquals(spec, report.spec());
            assertTrue(report.counts().addsUp(), report.counts().toString());
            assertEquals(600, report.counts().succeeded());
            assertFalse(seen.isEmpty(), "no snapshot streamed");
            assertTrue(run.latest() != null && run.latest().counts().succeeded() == 600, "the last snapshot comes with the report");
            assertTrue(seen.stream().allMatch(s -> s.spans().size() <= EngineHost.MAX_SPANS));
            assertNull(run.local());
            // the host takes the next run
            RunReport second = host.start(spec.withTasks(50)).report().get(60, TimeUnit.SECONDS);
            assertEquals(50, second.counts().succeeded());
        }
    }

    @Test
    void recording_inTheHost_holdsOneTaskEventPerTaskOfTheHostsRun(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (HostBackend host = launch()) {
            assertThrows(IllegalStateException.class, () -> host.saveRecording(dir.resolve("none.jfr")),
                    "saving with no recording running is an error, not an empty file");
            host.startRecording();
            RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("noop"), 300);
            assertEquals(300, host.start(spec).report().get(60, TimeUnit.SECONDS).counts().succeeded());
            Path file = dir.resolve("host.jfr");
            host.saveRecording(file);
            long tasks;
            try (var events = new jdk.jfr.consumer.RecordingFile(file)) {
                tasks = 0;
                while (events.hasMoreEvents()) {
                    if (events.readEvent().getEventType().getName().equals(dev.poolscope.jfr.TaskEvent.NAME)) {
                        tasks++;
                    }
                }
            }
            assertEquals(300, tasks, "the recording is made in the host, where the run's tasks execute");
        }
    }

    private static void assertNull(Object o) {
        assertTrue(o == null, "expected null, was " + o);
    }

    @Test
    void invalidSpec_isRefused_namingTheOption() throws Exception {
        try (HostBackend host = launch()) {
            InvalidSpecException e = assertThrows(InvalidSpecException.class,
                    () -> host.start(RunSpec.of("fixed", 2, WorkloadSpec.parse("nosuchwork"), 10)));
            assertEquals("--workload", e.field());
            assertTrue(e.getMessage().startsWith("--workload: "), e.getMessage());
        }
    }

    @Test
    void close_duringAProcessPoolRun_endsTheHostAndItsWorkers() throws Exception {
        List<ProcessHandle> workers;
        try (HostBackend host = launch()) {
            RunControl run = host.start(RunSpec.of("process", 2, WorkloadSpec.parse("io:millis=50"), 100_000));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> host.handle().descendants().count() >= 2);
            workers = host.handle().descendants().toList();
            assertTrue(workers.size() >= 2, "workers did not start: " + workers);
            assertTrue(run.canKillWorker());
        }
        started.addAll(workers);
    }

    @Test
    void hostProcess_exitsWhenItsInputEnds_evenDuringARun() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), EngineHostMain.class.getName());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p.toHandle());
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertInstanceOf(HostEvent.Ready.class, HostJson.read(in.readLine(), HostEvent.class));
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("io:millis=20"), 1_000_000);
        p.getOutputStream().write((HostJson.line(new HostRequest.Start(1, spec)) + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        assertEquals(new HostEvent.Done(1), HostJson.read(in.readLine(), HostEvent.class));
        p.getOutputStream().close(); // the parent went away
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the host outlived its parent's link");
        assertEquals(0, p.exitValue());
    }
}
