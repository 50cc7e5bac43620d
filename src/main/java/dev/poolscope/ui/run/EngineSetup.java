package dev.poolscope.ui.run;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.host.HostBackend;
import dev.poolscope.host.LocalBackend;
import dev.poolscope.host.RunBackend;

import java.io.IOException;
import java.util.List;

/**
 * Where a dashboard's runs execute, and how its own priority stands. The
 * usual setup ({@link #start()}) launches an engine host first, at this
 * process's normal priority, and only then (once the window has drawn its first frame, and again
 * as runs start) lowers every thread of this process to nice
 * {@value OwnPriority#NICE}: the run gets the cores, the
 * window what is left. If either step fails the dashboard still works and
 * {@link #problem()} says what is missing.
 */
public final class EngineSetup {
    private final RunBackend backend;
    private final OwnPriority priority;
    private final String startProblem;

    private EngineSetup(RunBackend backend, OwnPriority priority, String startProblem) {
        this.backend = backend;
        this.priority = priority;
        this.startProblem = startProblem;
    }

    /**
     * Launches the engine host (at this process's priority, so call it before {@link #lowerNewThreads()});
     * the window's start-up then runs at normal priority and lowers itself after its first frame.
     */
    public static EngineSetup start() {
        HostBackend host;
        try {
            host = HostBackend.launch(List.of());
        } catch (IOException | RuntimeException e) {
            return new EngineSetup(new LocalBackend(RunEngine.standard()), null,
                    "runs share the dashboard's process: the engine process could not start (" + e.getMessage() + ")");
        }
        return new EngineSetup(host, new OwnPriority(), null);
    }

    /** Runs in this process at its priority (tests, and callers that want one JVM). */
    public static EngineSetup inProcess() {
        return new EngineSetup(new LocalBackend(RunEngine.standard()), null, null);
    }

    /** Where runs execute. */
    public RunBackend backend() {
        return backend;
    }

    /** What is not as it should be (one line), or null. */
    public String problem() {
        if (startProblem != null) {
            return startProblem;
        }
        return priority == null ? null : priority.problem();
    }

    /** Lowers this process's threads not lowered yet (only with an engine host: runs in this JVM keep their priority). */
    public void lowerNewThreads() {
        if (priority != null) {
            priority.lower();
        }
    }
}
