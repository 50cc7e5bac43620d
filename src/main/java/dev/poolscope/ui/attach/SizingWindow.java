package dev.poolscope.ui.attach;

import dev.poolscope.attach.TwinSizing;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.tuning.ScalabilityModel;
import dev.poolscope.tuning.Sweep;
import dev.poolscope.tuning.SweepListener;
import dev.poolscope.tuning.SweepPoint;
import dev.poolscope.tuning.SweepResult;
import dev.poolscope.workload.TwinFile;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * "Size it in the lab": a window that sweeps a watched pool's twin over worker counts around its size (PoolScope's
 * {@code fixed} pool, in this JVM, at the twin's arrival rate) and shows the measured points, the scalability fit
 * and the answer in the pool's terms. Closing it cancels the sweep.
 */
final class SizingWindow {
    private final TwinFile twin;
    private final Label answer = new Label();
    private final LineChart<Number, Number> rateChart = chart("Throughput (tasks/s)");
    private final LineChart<Number, Number> p99Chart = chart("Latency p99 (ms)");

    private SizingWindow(TwinFile twin) {
        this.twin = twin;
    }

    /** Opens the window and starts the sweep of {@code twin}, saved at {@code file}. */
    static Stage open(Window owner, Path file, TwinFile twin) {
        SizingWindow w = new SizingWindow(twin);
        var spec = TwinSizing.sweep(file, twin);
        Sweep sweep = new Sweep(RunEngine.standard(), spec);
        w.answer.setWrapText(true);
        w.answer.setId("sizingAnswer");
        w.answer.getStyleClass().add("figure-small");
        w.answer.setText(String.format(Locale.ROOT, "Replaying the twin of %s (saved as %s) at %.0f tasks a second on %s "
                        + "worker counts, %d runs…", twin.pool(), file, twin.arrivalPerSecond(), spec.workers(), spec.totalRuns()));
        HBox charts = new HBox(8, w.rateChart, w.p99Chart);
        HBox.setHgrow(w.rateChart, Priority.ALWAYS);
        HBox.setHgrow(w.p99Chart, Priority.ALWAYS);
        VBox root = new VBox(10, w.answer, charts);
        root.setPadding(new Insets(12));
        root.getStyleClass().add("dashboard");
        VBox.setVgrow(charts, Priority.ALWAYS);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        Scene scene = new Scene(root, 1100, 560);
        URL css = SizingWindow.class.getResource("/dev/poolscope/ui/poolscope.css");
        scene.getStylesheets().add(Objects.requireNonNull(css).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("PoolScope: size " + twin.pool() + " in the lab");
        Thread t = new Thread(() -> w.run(sweep), "poolscope-twin-sweep");
        t.setDaemon(true);
        stage.setOnHidden(e -> sweep.cancel());
        stage.show();
        t.start();
        return stage;
    }

    private void run(Sweep sweep) {
        try {
            SweepResult r = sweep.run(new SweepListener() {
                @Override
                public void pointMeasured(SweepPoint point, SweepResult analysis, int done, int total) {
                    Platform.runLater(() -> show(analysis, done + " of " + total + " runs done"));
                }
            });
            Platform.runLater(() -> show(r, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Platform.runLater(() -> answer.setText("The sweep failed: " + e.getMessage()));
        }
    }

    private void show(SweepResult r, String progress) {
        List<SweepPoint> pts = r.points();
        XYChart.Series<Number, Number> rate = new XYChart.Series<>();
        rate.setName("measured");
        XYChart.Series<Number, Number> p99 = new XYChart.Series<>();
        p99.setName("measured p99");
        for (SweepPoint p : pts) {
            rate.getData().add(new XYChart.Data<>(p.workers(), p.throughputPerSecond()));
            p99.getData().add(new XYChart.Data<>(p.workers(), p.p99Micros() / 1000));
        }
        XYChart.Series<Number, Number> fit = new XYChart.Series<>();
        fit.setName("USL fit");
        r.fit("fixed", ScalabilityModel.USL).ifPresent(f -> {
            int max = pts.stream().mapToInt(SweepPoint::workers).max().orElse(1);
            for (int n = 1; n <= max; n++) {
                fit.getData().add(new XYChart.Data<>(n, f.predict(n)));
            }
        });
        rateChart.getData().setAll(List.of(rate, fit));
        p99Chart.getData().setAll(List.of(p99));
        String text = TwinSizing.answer(twin, r);
        answer.setText((text.isEmpty() ? "Measuring…" : text) + (progress == null ? "" : " (" + progress + ")"));
    }

    private static LineChart<Number, Number> chart(String title) {
        NumberAxis x = new NumberAxis();
        x.setLabel("threads");
        LineChart<Number, Number> c = new LineChart<>(x, new NumberAxis());
        c.setTitle(title);
        c.setAnimated(false);
        return c;
    }
}
