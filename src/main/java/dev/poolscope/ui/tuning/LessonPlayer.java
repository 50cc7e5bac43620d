package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.engine.RunState;
import dev.poolscope.tuning.Lesson;
import dev.poolscope.tuning.LessonOutcome;
import dev.poolscope.tuning.LessonPreset;
import dev.poolscope.tuning.LessonRun;
import dev.poolscope.tuning.LessonRunner;
import dev.poolscope.tuning.MachineLoad;
import dev.poolscope.tuning.PresetCheck;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.run.RunSession;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays a lesson in the dashboard: starts its runs one after another through
 * the {@link RunSession} (so the class watches each in the live view), takes
 * each run's report when it ends, then checks the lesson's claims on them
 * ({@link LessonOutcome#of}) and hands over the outcome. Like the headless
 * {@link dev.poolscope.tuning.LessonRunner}, it first runs a share of the first
 * run's tasks unmeasured (it appears in History), so that the first measured
 * run does not pay for class loading and JIT compilation alone. A run the user
 * stops ends the lesson; its later runs are recorded as not run. FX thread only.
 */
public final class LessonPlayer {
    private final RunEngine engine;
    private final RunSession session;
    private final LiveRunModel live;
    private final Runnable showLive;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    private Lesson lesson;
    private List<String> ids;
    private List<LessonRun> runs;
    private int index;
    private LessonPreset awaited;
    private boolean warmingUp;
    private boolean warm;
    private MachineLoad.Mark mark;
    private Consumer<LessonOutcome> done;

    /**
     * A player over the dashboard's session.
     *
     * @param showLive brings the live view to the front when a run starts
     */
    public LessonPlayer(RunEngine engine, RunSession session, LiveRunModel live, Runnable showLive) {
        this.engine = engine;
        this.session = session;
        this.live = live;
        this.showLive = showLive;
        live.lastReportProperty().addListener((o, was, report) -> {
            if (report != null && warmingUp) {
                warmingUp = false;
                if (report.state() == RunState.STOPPED) {
                    index = lesson.presets().size();
                }
                Platform.runLater(this::next);
            } else if (report != null && awaited != null) {
                ended(report);
            }
        });
        live.phaseProperty().addListener((o, was, phase) -> {
            if (phase == RunPhase.FAILED && warmingUp) {
                warmingUp = false;
                Platform.runLater(this::next);
            } else if (phase == RunPhase.FAILED && awaited != null) { // refused: no report comes
                refused();
            }
        });
    }

    /**
     * Starts playing {@code l}; {@code whenDone} receives the outcome after its last run.
     *
     * @return false (nothing started) if a run or a lesson is already going
     */
    public boolean play(Lesson l, Consumer<LessonOutcome> whenDone) {
        if (playing.get() || live.getPhase().busy()) {
            status.set("A run is going: stop it before playing a lesson.");
            return false;
        }
        lesson = l;
        ids = l.runIds();
        runs = new ArrayList<>();
        index = 0;
        warm = false;
        done = whenDone;
        playing.set(true);
        next();
        return true;
    }

    /** Stops the lesson: the current run is stopped and the remaining runs are not started. */
    public void stop() {
        if (playing.get()) {
            index = lesson.presets().size();
            session.stop();
        }
    }

    private void next() {
        while (index < lesson.presets().size()) {
            LessonPreset p = lesson.presets().get(index);
            PresetCheck c = PresetCheck.of(p, engine.pools(), engine.workloads(), cores);
            if (!c.ready()) {
                runs.add(LessonRun.notRun(ids.get(index), p, c.message()));
                index++;
                continue;
            }
            RunSpec spec = c.spec();
            if (!warm) {
                warm = true;
                warmingUp = true;
                status.set("Warming up (not measured): " + LessonRunner.warmUpSpec(spec).describe());
                showLive.run();
                session.start(LessonRunner.warmUpSpec(spec));
                return;
            }
            status.set("Run " + (index + 1) + " of " + lesson.presets().size() + ": " + p.label() + " (" + spec.describe() + ")");
            awaited = p;
            mark = MachineLoad.start();
            showLive.run();
            session.start(spec);
            return;
        }
        finish();
    }

    private void ended(RunReport report) {
        String id = ids.get(index);
        LessonPreset p = awaited;
        awaited = null;
        runs.add(LessonRun.ran(id, p, report, mark.otherCores(report.cpuNanos())));
        index++;
        if (report.state() == RunState.STOPPED) {
            while (index < lesson.presets().size()) {
                runs.add(LessonRun.notRun(ids.get(index), lesson.presets().get(index), "not run: the lesson was stopped"));
                index++;
            }
        }
        // the live model finishes its update after this listener; start the next run after it
        Platform.runLater(this::next);
    }

    private void refused() {
        runs.add(LessonRun.notRun(ids.get(index), awaited, "the run did not start: " + live.statusProperty().get()));
        awaited = null;
        index++;
        Platform.runLater(this::next);
    }

    private void finish() {
        LessonOutcome outcome = LessonOutcome.of(lesson, runs, cores);
        long held = outcome.claims().stream().filter(c -> c.held()).count();
        status.set("Played: " + held + " of " + outcome.claims().size() + " claims held on this machine.");
        playing.set(false);
        Consumer<LessonOutcome> d = done;
        done = null;
        d.accept(outcome);
    }

    /** True while a lesson plays. */
    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** What the player is doing, for a label. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
