package dev.poolscope.tuning;

import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Plays a lesson headless: runs its presets one after another on the engine,
 * measures other processes' load around each (see {@link MachineLoad}), then
 * checks the lesson's claims (see {@link LessonOutcome#of}). Before the first
 * run it runs a quarter of the first preset's tasks unmeasured ({@link #warmUpSpec}), so that the
 * first run is not the one that pays for class loading and JIT compilation. A preset this
 * build cannot run is recorded with the reason and its claims do not hold.
 * Not thread-safe; one lesson at a time.
 */
public final class LessonRunner {
    /** Progress callbacks, on the runner's thread. */
    public interface Listener {
        /** A run is about to start. */
        default void starting(Lesson lesson, int index, String id, RunSpec spec) {
        }

        /** A run ended (or could not start). */
        default void ended(Lesson lesson, int index, LessonRun run) {
        }
    }

    private final RunEngine engine;
    private final Duration runTimeout;
    private final int cores;

    /**
     * A runner on {@code engine}.
     *
     * @param runTimeout longest one run may take before it is stopped
     */
    public LessonRunner(RunEngine engine, Duration runTimeout) {
        this(engine, runTimeout, Runtime.getRuntime().availableProcessors());
    }

    /** A runner that sizes relative worker counts for {@code cores} cores. */
    public LessonRunner(RunEngine engine, Duration runTimeout, int cores) {
        this.engine = engine;
        this.runTimeout = runTimeout;
        this.cores = cores;
    }

    /**
     * Runs every preset of {@code lesson} and checks its claims.
     *
     * @throws InterruptedException if interrupted while a run goes (the run is stopped first)
     */
    public LessonOutcome play(Lesson lesson, Listener listener) throws InterruptedException {
        List<LessonRun> runs = new ArrayList<>();
        List<String> ids = lesson.runIds();
        boolean warm = false;
        for (int i = 0; i < lesson.presets().size(); i++) {
            LessonPreset p = lesson.presets().get(i);
            PresetCheck check = PresetCheck.of(p, engine.pools(), engine.workloads(), cores);
            LessonRun done;
            if (!check.ready()) {
                done = LessonRun.notRun(ids.get(i), p, check.message());
            } else {
                if (!warm) {
                    warmUp(check.spec());
                    warm = true;
                }
                listener.starting(lesson, i, ids.get(i), check.spec());
                done = runOne(ids.get(i), p, check.spec());
            }
            runs.add(done);
            listener.ended(lesson, i, done);
        }
        return LessonOutcome.of(lesson, runs, cores);
    }

    /** The unmeasured run before a lesson's first: a quarter of its tasks. */
    public static RunSpec warmUpSpec(RunSpec first) {
        return first.withTasks(Math.max(1, first.tasks() / 4));
    }

    private void warmUp(RunSpec spec) throws InterruptedException {
        try (Run run = engine.start(warmUpSpec(spec))) {
            try {
                run.await(runTimeout);
            } catch (TimeoutException e) {
                run.stop();
            } catch (InterruptedException e) {
                run.stop();
                throw e;
            }
        } catch (InvalidSpecException e) {
            // the measured run reports it
        }
    }

    private LessonRun runOne(String id, LessonPreset p, RunSpec spec) throws InterruptedException {
        MachineLoad.Mark mark = MachineLoad.start();
        Run run;
        try {
            run = engine.start(spec);
        } catch (InvalidSpecException e) {
            return LessonRun.notRun(id, p, e.getMessage());
        }
        try (run) {
            RunReport report;
            try {
                report = run.await(runTimeout);
            } catch (TimeoutException e) {
                run.stop();
                try {
                    report = run.await(Duration.ofSeconds(30));
                } catch (TimeoutException again) {
                    return LessonRun.notRun(id, p, "did not end within " + runTimeout.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                run.stop();
                throw e;
            }
            return LessonRun.ran(id, p, report, mark.otherCores(report.cpuNanos()));
        }
    }
}
