package dev.poolscope.ui;

import dev.poolscope.jfr.PoolScopeRecording;
import dev.poolscope.jfr.TaskEvent;
import javafx.application.Platform;
import javafx.scene.control.MenuItem;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Run menu's two Flight Recorder items: start recording PoolScope's
 * events (every run from then on), and stop and save the recording to a file
 * that JDK Mission Control and {@code jfr} open. FX thread.
 */
final class JfrMenu {
    private final MenuItem start;
    private final MenuItem save;
    private final Dashboard ctx;
    private PoolScopeRecording recording;
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
        return recording != null;
    }

    /** Starts a recording in the background (setting the recorder up takes a moment the first time). */
    void start() {
        if (recording != null || starting) {
            return;
        }
        starting = true;
        start.setDisable(true);
        ctx.session().onIo("Starting the JFR recording", () -> {
            PoolScopeRecording r;
            try {
                r = PoolScopeRecording.start(Duration.ofMillis(100));
            } finally {
                Platform.runLater(() -> starting = false);
            }
            Platform.runLater(() -> {
                recording = r;
                show();
                ctx.notifier().info("Recording with JFR", "Runs are recorded until Run > Stop and save JFR recording");
            });
        });
    }

    void save() {
        if (recording == null) {
            return;
        }
        ctx.dialogs().saveFile("Save JFR recording", "poolscope.jfr", "jfr").ifPresent(this::saveTo);
    }

    /** Stops the recording and writes it to {@code file} in the background. */
    void saveTo(Path file) {
        PoolScopeRecording r = recording;
        recording = null;
        show();
        ctx.session().onIo("Saving " + file.getFileName(), () -> {
            r.saveTo(file);
            Platform.runLater(() -> ctx.notifier().info("JFR recording saved",
                    file + " (open it in JDK Mission Control, or: jfr print --events " + TaskEvent.NAME + " FILE)"));
        });
    }

    private void show() {
        start.setDisable(recording != null || starting);
        save.setDisable(recording == null);
    }
}
