package dev.poolscope.ui;

import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.workload.WorkloadSpec;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** The PoolScope window: a default run and its live numbers. */
public class PoolScopeApp extends Application {
    private final AtomicReference<MetricsSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Label numbers = new Label("Press Run to start cpu on the fixed pool.");
    private volatile Run run;

    /** Launches the app (blocks until the window closes). */
    public static void launchApp(String[] args) {
        Application.launch(PoolScopeApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Button start = new Button("Run");
        start.setId("runButton");
        start.setOnAction(e -> startRun());
        VBox root = new VBox(12, new Label("PoolScope: a lab for thread pools and process pools"), start, numbers);
        root.setStyle("-fx-padding: 16; -fx-font-size: 14;");
        stage.setTitle("PoolScope");
        stage.setScene(new Scene(root, 640, 240));
        stage.setOnCloseRequest(e -> stopRun());
        stage.show();
    }

    private void startRun() {
        int cores = Runtime.getRuntime().availableProcessors();
        RunSpec spec = RunSpec.of("fixed", cores, WorkloadSpec.of("cpu"), 2000);
        Thread.ofPlatform().daemon(true).start(() -> {
            Run r = RunEngine.standard().start(spec);
            run = r;
            r.addListener(s -> {
                latest.set(s);
                if (pending.compareAndSet(false, true)) {
                    Platform.runLater(this::render);
                }
            });
        });
    }

    private void render() {
        pending.set(false);
        MetricsSnapshot s = latest.get();
        if (s != null) {
            numbers.setText(String.format(Locale.ROOT, "done %d / %d   queue %d   active %d   %.0f tasks/s   p99 %.2f ms",
                    s.counts().ended(), s.counts().submitted(), s.queueDepth(), s.activeWorkers(),
                    s.throughputPerSecond(), s.latency().p99() / 1e6));
        }
    }

    private void stopRun() {
        Run r = run;
        if (r != null) {
            r.stop();
        }
    }

    @Override
    public void stop() {
        stopRun();
    }
}
