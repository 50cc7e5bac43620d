package dev.poolscope.ui.run;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.ui.model.HistoryModel;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.store.HistoryStore;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session without the toolkit: a single thread plays the FX thread. */
@Timeout(60)
class RunSessionTest {
    @TempDir
    Path dir;
    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final LiveRunModel live = new LiveRunModel(2);
    private final HistoryModel history = new HistoryModel();
    private RunSession session;

    private RunSession session() {
        session = new RunSession(RunEngine.standard(), live, history, dir, fx, new Notifier() {
            @Override public void error(String title, String message) { errors.add(title + ": " + message); }
            @Override public void info(String title, String message) { }
        });
        return session;
    }

    @AfterEach
    void close() throws InterruptedException {
        if (session != null) {
            session.close();
        }
        fx.shutdown();
        assertTrue(fx.awaitTermination(5, TimeUnit.SECONDS));
    }

    private boolean onFx(BooleanSupplier check) {
        try {
            return fx.submit(check::getAsBoolean).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void await(String what, BooleanSupplier check) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(check));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    @Test
    void finishedRun_goesIntoHistory_andItsFilesAreWritten() throws Exception {
        RunSession s = session();
        fx.submit(() -> s.start(RunSpec.of("fixed", 2, WorkloadSpec.parse("cpu:size=2000"), 50))).get();
        await("the run in the history", () -> history.runs().size() == 1);
        assertEquals(RunPhase.COMPLETED, live.getPhase());
        String id = history.runs().get(0).id();
        await("the index file", () -> Files.exists(dir.resolve("history.json")));
        assertTrue(Files.exists(new HistoryStore(dir).reportFile(id)));
        assertEquals(List.of(), errors);
    }

    @Test
    void refusedSpec_isANotification_andTheSessionStaysUsable() throws Exception {
        RunSession s = session();
        fx.submit(() -> s.start(RunSpec.of("fixed", 2, WorkloadSpec.of("no-such-workload"), 5))).get();
        await("the refusal", () -> live.getPhase() == RunPhase.FAILED);
        assertTrue(errors.get(0).contains("no-such-workload"), errors.toString());
        fx.submit(() -> s.start(RunSpec.of("fixed", 1, WorkloadSpec.parse("cpu:size=2000"), 5))).get();
        await("the next run", () -> live.getPhase() == RunPhase.COMPLETED);
    }

    @Test
    void corruptHistory_isANotification() throws Exception {
        Files.writeString(dir.resolve("history.json"), "][");
        RunSession s = session();
        s.loadStored();
        await("the warning", () -> !errors.isEmpty());
        assertTrue(errors.get(0).startsWith("History could not be read"), errors.toString());
    }

    @Test
    void close_duringARun_stopsItAndItsPool() throws Exception {
        RunSession s = session();
        fx.submit(() -> s.start(RunSpec.of("fixed", 2, WorkloadSpec.parse("cpu:size=20000"), 1_000_000))).get();
        await("the run to go", () -> live.getPhase() == RunPhase.RUNNING && s.current() != null);
        var run = s.current();
        s.close();
        assertTrue(run.state().ended(), run.toString());
        assertTrue(run.pool().isTerminated(), run.pool().toString());
    }
}
