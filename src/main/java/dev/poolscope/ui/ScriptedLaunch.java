package dev.poolscope.ui;

import dev.poolscope.engine.ReportJson;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunPhase;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * Carries out a {@link DashboardLaunch} in an open window: fills the form,
 * presses Run, and when that run ends writes its report (the document
 * {@code poolscope run --json} writes) and closes the window. FX thread.
 */
final class ScriptedLaunch {
    private final PoolScopeApp.Window window;
    private final DashboardLaunch launch;
    private final Stage stage;
    private final Consumer<String> ended;
    private final LaunchTimings timings;
    private long pressedNanos;
    private int runsEnded;
    private boolean watching;
    private RunReport before;

    /**
     * @param ended told once when the scripted run has ended and its report is written: null if all went well,
     *              else what went wrong (one line)
     */
    ScriptedLaunch(PoolScopeApp.Window window, DashboardLaunch launch, Stage stage, Consumer<String> ended,
                   LaunchTimings timings) {
        this.timings = timings;
        this.window = window;
        this.launch = launch;
        this.stage = stage;
        this.ended = ended;
    }

    /** Fills the form and, if asked, presses Run once the window shows. */
    void apply() {
        Dashboard d = window.dashboard();
        d.live().progressProperty().addListener((o, was, now) -> {
            if (pressedNanos != 0 && now.doubleValue() > 0) {
                timings.firstTask(pressedNanos);
            }
        });
        if (launch.spec() != null) {
            d.form().load(launch.spec());
        }
        if (launch.quitAfterRun() || launch.json() != null || launch.jfr() != null) {
            d.live().phaseProperty().addListener((o, was, now) -> phaseChanged(d.live(), was, now));
        }
        if (launch.start()) {
            if (launch.runs() > 1) {
                d.live().phaseProperty().addListener((o, was, now) -> {
                    if (was.busy() && !now.busy() && ++runsEnded < launch.runs() && d.live().lastReportProperty().get() != null) {
                        Platform.runLater(this::press); // the next run of the row
                    }
                });
            }
            if (launch.jfr() != null) {
                // recorded where the runs execute; the first run starts once the recording does
                d.session().onIo("Starting the JFR recording", () -> {
                    d.session().backend().startRecording();
                    Platform.runLater(this::press);
                });
            } else {
                Platform.runLater(this::press);
            }
        }
    }

    private void press() {
        Dashboard d = window.dashboard();
        // the spec from the options, whole (the form shows only part of it, e.g. no sample interval)
        RunSpec spec = launch.spec() != null ? launch.spec() : d.form().getSpec();
        if (pressedNanos == 0) {
            pressedNanos = System.nanoTime();
        }
        d.session().start(spec);
    }

    private void phaseChanged(LiveRunModel live, RunPhase was, RunPhase now) {
        if (now.busy() && !was.busy() && !watching && runsEnded == launch.runs() - 1) {
            watching = true;
            before = live.lastReportProperty().get();
            return;
        }
        if (!watching || now.busy()) {
            return;
        }
        watching = false;
        RunReport report = live.lastReportProperty().get();
        if (report == null || report == before) {
            finish("the run failed: " + live.statusProperty().get());
            return;
        }
        if (launch.json() == null && launch.jfr() == null) {
            finish(null);
            return;
        }
        String json = launch.json() == null ? null : ReportJson.toJson(report) + System.lineSeparator();
        window.dashboard().session().onIo("Writing the run's files", () -> {
            String problem = null;
            if (launch.jfr() != null) {
                try {
                    window.dashboard().session().backend().saveRecording(launch.jfr());
                } catch (RuntimeException e) {
                    problem = "cannot write the JFR recording " + launch.jfr() + ": " + e.getMessage();
                }
            }
            if (json != null) {
                try {
                    Files.writeString(launch.json(), json);
                } catch (java.io.IOException e) {
                    problem = "cannot write " + launch.json() + ": " + e.getMessage();
                }
            }
            String p = problem;
            Platform.runLater(() -> finish(p));
        });
    }

    private void finish(String problem) {
        ended.accept(problem);
        if (launch.quitAfterRun()) {
            // after whatever else this pulse shows (a notification of the failure needs its window)
            Platform.runLater(stage::hide);
        }
    }
}
