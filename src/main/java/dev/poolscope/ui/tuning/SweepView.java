package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.tuning.Recommendation;
import dev.poolscope.tuning.ScalabilityFit;
import dev.poolscope.tuning.ScalabilityModel;
import dev.poolscope.tuning.SweepPoint;
import dev.poolscope.tuning.SweepResult;
import dev.poolscope.ui.view.FxmlView;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Sweep view: a form (pool kinds, worker counts, workload, tasks,
 * repetitions, optional p99 target), a progress bar, the measured points and
 * fitted USL curves plotted as they arrive, the recommendation with its
 * explanation, and per kind a button that hands the recommended run to the
 * callback ("load into the run form"). The layout is {@code SweepView.fxml}, the
 * colours {@code tuning.css}'s classes. All engine work runs on the sweep's own
 * thread; this class only touches the scene graph on the FX thread.
 */
public final class SweepView extends BorderPane {
    /** Series colours come from the style classes {@code sweep-series-0} to {@code sweep-series-5}. */
    private static final int COLOURS = 6;

    private final SweepViewModel model;
    private final Consumer<RunSpec> useRun;
    @FXML private HBox poolBoxes;
    @FXML private TextField sweepWorkers;
    @FXML private TextField sweepWorkload;
    @FXML private TextField sweepTasks;
    @FXML private TextField sweepRepeat;
    @FXML private TextField sweepP99Target;
    @FXML private Button sweepStart;
    @FXML private Button sweepCancel;
    @FXML private ProgressBar sweepProgress;
    @FXML private Label sweepStatus;
    @FXML private Label sweepError;
    @FXML private LineChart<Number, Number> sweepChart;
    @FXML private LineChart<Number, Number> sweepLatencyChart;
    @FXML private FlowPane legend;
    @FXML private Label sweepExplanation;
    @FXML private HBox useButtons;

    /**
     * @param engine where the sweep's runs start
     * @param useRun receives the recommended run when the user clicks "Use N workers"
     *               (called on the FX thread)
     */
    public SweepView(RunEngine engine, Consumer<RunSpec> useRun) {
        this(new SweepViewModel(engine, Platform::runLater), useRun);
    }

    /** A view over an existing model (for tests). */
    public SweepView(SweepViewModel model, Consumer<RunSpec> useRun) {
        this.model = model;
        this.useRun = useRun;
        FxmlView.load(this, "SweepView.fxml");
        for (Map.Entry<String, BooleanProperty> e : model.poolSelected().entrySet()) {
            CheckBox cb = new CheckBox(e.getKey());
            cb.setId("pool-" + e.getKey());
            cb.selectedProperty().bindBidirectional(e.getValue());
            poolBoxes.getChildren().add(cb);
        }
        sweepWorkers.textProperty().bindBidirectional(model.workersProperty());
        sweepWorkload.textProperty().bindBidirectional(model.workloadProperty());
        sweepTasks.textProperty().bindBidirectional(model.tasksProperty());
        sweepRepeat.textProperty().bindBidirectional(model.repeatProperty());
        sweepP99Target.textProperty().bindBidirectional(model.p99TargetProperty());
        sweepStart.disableProperty().bind(model.runningProperty());
        sweepCancel.disableProperty().bind(model.runningProperty().not());
        sweepProgress.progressProperty().bind(model.progressProperty());
        sweepStatus.textProperty().bind(model.statusProperty());
        sweepError.textProperty().bind(model.errorProperty());
        model.resultProperty().addListener((obs, old, r) -> render(r));
    }

    /** The view's model. */
    public SweepViewModel model() {
        return model;
    }

    @FXML
    private void onStart() {
        model.start();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    private void render(SweepResult r) {
        sweepChart.getData().clear();
        sweepLatencyChart.getData().clear();
        legend.getChildren().clear();
        useButtons.getChildren().clear();
        if (r == null) {
            sweepExplanation.setText("");
            return;
        }
        List<String> pools = r.spec().pools();
        List<Styled> throughputSeries = new ArrayList<>();
        List<Styled> latencySeries = new ArrayList<>();
        int maxWorkers = r.spec().workers().get(r.spec().workers().size() - 1);
        int minWorkers = r.spec().workers().get(0);
        for (int i = 0; i < pools.size(); i++) {
            String pool = pools.get(i);
            String colour = "sweep-series-" + (i % COLOURS);
            List<SweepPoint> pts = r.points().stream().filter(p -> p.pool().equals(pool)).toList();
            if (pts.isEmpty()) {
                continue;
            }
            XYChart.Series<Number, Number> measured = new XYChart.Series<>();
            measured.setName(pool + " measured");
            for (SweepPoint p : pts) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(p.workers(), p.throughputPerSecond());
                Region dot = new Region();
                Tooltip.install(dot, new Tooltip(String.format(Locale.ROOT, "%s x%d: %.1f tasks/s, p50 %.2f ms, p99 %.2f ms (%d runs)",
                        pool, p.workers(), p.throughputPerSecond(), p.p50Micros() / 1e3, p.p99Micros() / 1e3, p.repetitions())));
                d.setNode(dot);
                measured.getData().add(d);
            }
            throughputSeries.add(new Styled(measured, List.of("sweep-measured", colour), List.of("sweep-point", colour)));
            XYChart.Series<Number, Number> p99 = new XYChart.Series<>();
            p99.setName(pool + " p99");
            for (SweepPoint p : pts) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(p.workers(), p.p99Micros() / 1e3);
                d.setNode(new Region());
                p99.getData().add(d);
            }
            latencySeries.add(new Styled(p99, List.of("sweep-p99", colour), List.of("sweep-point", colour)));
            legend.getChildren().add(legendEntry(colour, pool + " measured", false));

            r.fit(pool, ScalabilityModel.USL).ifPresent(f -> {
                XYChart.Series<Number, Number> curve = new XYChart.Series<>();
                curve.setName(pool + " USL fit");
                int steps = 60;
                for (int s = 0; s <= steps; s++) {
                    double n = minWorkers + (maxWorkers - minWorkers) * s / (double) steps;
                    XYChart.Data<Number, Number> d = new XYChart.Data<>(n, f.predict(n));
                    d.setNode(new Region()); // no symbol on the curve
                    curve.getData().add(d);
                }
                curve.getData().forEach(d -> d.getNode().setVisible(false));
                throughputSeries.add(new Styled(curve, List.of("sweep-fit", colour), List.of()));
                legend.getChildren().add(legendEntry(colour, describe(f), true));
            });

            Recommendation rec = r.recommendations().get(pool);
            if (rec != null) {
                Button use = new Button("Use " + rec.workers() + (rec.workers() == 1 ? " worker" : " workers") + " on " + pool);
                use.setId("use-" + pool);
                use.getStyleClass().add("use-recommended");
                use.disableProperty().bind(model.runningProperty());
                use.setOnAction(e -> {
                    RunSpec run = model.recommendedRun(pool);
                    if (run != null) {
                        useRun.accept(run);
                    }
                });
                useButtons.getChildren().add(use);
            }
        }
        show(sweepChart, throughputSeries);
        show(sweepLatencyChart, latencySeries);
        List<String> lines = new ArrayList<>(r.recommendations().values().stream().map(Recommendation::explanation).toList());
        if (!r.machineNote().isEmpty()) {
            lines.add(r.machineNote());
        }
        if (r.cancelled()) {
            lines.add(0, "Cancelled after " + r.points().size() + " points; from those:");
        }
        sweepExplanation.setText(String.join("\n", lines));
    }

    /** A series with the style classes of its line and of its points. */
    private record Styled(XYChart.Series<Number, Number> series, List<String> line, List<String> points) {
    }

    /**
     * Puts the series in the chart at once, then their classes: the chart resets
     * its series' and symbols' style classes whenever a series is added.
     */
    private static void show(LineChart<Number, Number> chart, List<Styled> all) {
        chart.getData().setAll(all.stream().map(Styled::series).toList());
        for (Styled s : all) {
            s.series().getNode().getStyleClass().addAll(s.line());
            for (XYChart.Data<Number, Number> d : s.series().getData()) {
                d.getNode().getStyleClass().addAll(s.points());
            }
        }
    }

    private static String describe(ScalabilityFit f) {
        return String.format(Locale.ROOT, "%s USL: sigma %.3f, kappa %.4f, lambda %.0f/s, r2 %.2f",
                f.pool(), f.sigma(), f.kappa(), f.lambda(), f.r2());
    }

    private static HBox legendEntry(String colour, String text, boolean line) {
        Region mark = new Region();
        mark.getStyleClass().addAll(line ? "sweep-legend-line" : "sweep-legend-dot", colour);
        HBox box = new HBox(4, mark, new Label(text));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
