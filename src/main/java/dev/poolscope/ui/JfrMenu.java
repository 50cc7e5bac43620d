package dev.poolscope.ui;

import dev.poolscope.jfr.TaskEvent;
import javafx.application.Platform;
import javafx.scene.control.MenuItem;

import java.nio.file.Path;

/**
 * The Run menu's two Flight Recorder items: start recording PoolScope's
 * events (every run from then on), and stop and save the recording to a file
 * that JDK Mission Control and {@code jfr} open. FX thread.
 */
final class JfrMenu {
    private final MenuItem start;
    private final MenuItem save;
    private final Dashboard ctx;
    /** A recording runs where the runs execute (see {@link dev.poolscope.host.RunBackend#startRecording()}). */
    private boolean recording;
    private boolean starting;

    JfrMenu(MenuItem start, MenuItem save, Dashboard ctx) {
        this.start = start;
        this.save = save;
        this.ctx = ctx;
        start.setOnAction(e -> start());
        save.setOnAction(e -> save());
        show();
    }

    /** True while a recording runs. */
    boolean recording() {
        return recording;
    }

    /** Starts a recording in the background (setting the recorder up takes a moment the first time). */
    void start() {
        if (recording || starting) {
            return;
        }
        starting = true;
        start.setDisable(true);
        ctx.session().onIo("Starting the JFR recording", () -> {
            try {
                ctx.session().backend().startRecording();
            } finally {
                Platform.runLater(() -> starting = false);
            }
            Platform.runLater(() -> {
                recording = true;
                show();
                ctx.notifier().info("Recording with JFR", "Runs are recorded until Run > Stop and save JFR recording");
            });
        });
    }

    void save() {
        if (!recording) {
            return;
        }
        ctx.dialogs().saveFile("Save JFR recording", "poolscope.jfr", "jfr").ifPresent(this::saveTo);
    }

    /** Stops the recording and writes it to {@code file} in the background. */
    void saveTo(Path file) {
        recording = false;
        show();
        ctx.session().onIo("Saving " + file.getFileName(), () -> {
            ctx.session().backend().saveRecording(file);
            Platform.runLater(() -> ctx.notifier().info("JFR recording saved",
                    file + " (open it in JDK Mission Control, or: jfr print --events " + TaskEvent.NAME + " FILE)"));
        });
    }

    private void show() {
        start.setDisable(recording || starting);
        save.setDisable(!recording);
    }
}
