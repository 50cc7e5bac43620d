package dev.poolscope.ui.run;

import dev.poolscope.engine.RunSpec;
import dev.poolscope.host.HostBackend;
import dev.poolscope.ui.model.HistoryModel;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.store.HistoryStore;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session with its runs in a real engine host process, end to end: live figures, history, and no process left. */
@Timeout(120)
class RunSessionHostTest {
    @TempDir
    Path dir;

    @Test
    void runInTheEngineHost_fillsTheLiveModelAndHistory_andClosingLeavesNoHost() throws Exception {
        ExecutorService fx = Executors.newSingleThreadExecutor();
        List<String> errors = new CopyOnWriteArrayList<>();
        LiveRunModel live = new LiveRunModel(2);
        HistoryModel history = new HistoryModel();
        HostBackend host = HostBackend.launch(List.of("-Xmx256m"));
        ProcessHandle hostProcess = host.handle();
        RunSession session = new RunSession(host, live, history, dir, fx, new Notifier() {
            @Override public void error(String title, String message) { errors.add(title + ": " + message); }
            @Override public void info(String title, String message) { }
        });
        try {
            assertTrue(session.backendDescription().contains(Long.toString(hostProcess.pid())));
            RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("cpu:size=20000"), 400);
            fx.submit(() -> session.start(spec)).get(5, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.submit(() -> history.runs().size() == 1).get());
            assertEquals(RunPhase.COMPLETED, fx.submit(live::getPhase).get());
            assertEquals(400, fx.submit(() -> live.lastReportProperty().get().counts().succeeded()).get());
            assertNull(session.current(), "no in-process run object for a run in the host");
            String id = history.runs().get(0).id();
            Path report = new HistoryStore(dir).reportFile(id);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(report));
            assertTrue(errors.isEmpty(), errors.toString());
        } finally {
            session.close();
            fx.shutdown();
        }
        hostProcess.onExit().get(20, TimeUnit.SECONDS);
        assertFalse(hostProcess.isAlive(), "the engine host outlived the session");
    }
}
