package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.tuning.Recommendation;
import dev.poolscope.tuning.ScalabilityFit;
import dev.poolscope.tuning.ScalabilityModel;
import dev.poolscope.tuning.SweepPoint;
import dev.poolscope.tuning.SweepResult;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Sweep view: a form (pool kinds, worker counts, workload, tasks,
 * repetitions, optional p99 target), a progress bar, the measured points and
 * fitted USL curves plotted as they arrive, the recommendation with its
 * explanation, and per kind a button that hands the recommended run to the
 * callback ("load into the run form"). All engine work runs on the sweep's own
 * thread; this class only touches the scene graph on the FX thread.
 */
public final class SweepView extends BorderPane {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private final SweepViewModel model;
    private final Consumer<RunSpec> useRun;
    private final LineChart<Number, Number> chart;
    private final LineChart<Number, Number> latencyChart;
    private final FlowPane legend = new FlowPane(12, 4);
    private final Label explanation = new Label();
    private final HBox useButtons = new HBox(8);

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
        getStyleClass().add("sweep-view");
        getStylesheets().add(SweepView.class.getResource("tuning.css").toExternalForm());

        NumberAxis x = new NumberAxis();
        x.setLabel("workers");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("tasks/s");
        chart = new LineChart<>(x, y);
        chart.setId("sweepChart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCreateSymbols(true);
        chart.setTitle("Throughput against workers: measured (dots) and USL fit (lines)");

        NumberAxis lx = new NumberAxis();
        lx.setLabel("workers");
        lx.setForceZeroInRange(false);
        NumberAxis ly = new NumberAxis();
        ly.setLabel("p99 latency (ms)");
        latencyChart = new LineChart<>(lx, ly);
        latencyChart.setId("sweepLatencyChart");
        latencyChart.setAnimated(false);
        latencyChart.setLegendVisible(false);
        latencyChart.setTitle("p99 latency against workers");

        setTop(form());
        HBox charts = new HBox(6, chart, latencyChart);
        HBox.setHgrow(chart, Priority.ALWAYS);
        HBox.setHgrow(latencyChart, Priority.ALWAYS);
        chart.setPrefWidth(640);
        latencyChart.setPrefWidth(400);
        VBox centre = new VBox(6, charts, legend);
        VBox.setVgrow(charts, Priority.ALWAYS);
        centre.setPadding(new Insets(0, 8, 0, 8));
        setCenter(centre);
        explanation.setId("sweepExplanation");
        explanation.setWrapText(true);
        explanation.getStyleClass().add("sweep-explanation");
        VBox bottom = new VBox(6, explanation, useButtons);
        bottom.setPadding(new Insets(8));
        setBottom(bottom);

        model.resultProperty().addListener((obs, old, r) -> render(r));
    }

    /** The view's model. */
    public SweepViewModel model() {
        return model;
    }

    private Region form() {
        HBox pools = new HBox(10);
        for (Map.Entry<String, BooleanProperty> e : model.poolSelected().entrySet()) {
            CheckBox cb = new CheckBox(e.getKey());
            cb.setId("pool-" + e.getKey());
            cb.selectedProperty().bindBidirectional(e.getValue());
            pools.getChildren().add(cb);
        }
        TextField workers = field("sweepWorkers", model.workersProperty(), "1,2,4,8 or 1..16 or 1..64:x2");
        TextField workload = field("sweepWorkload", model.workloadProperty(), "cpu, cpu:size=50000, io:millis=20 ...");
        TextField tasks = field("sweepTasks", model.tasksProperty(), "tasks per run");
        TextField repeat = field("sweepRepeat", model.repeatProperty(), "runs per point; points show medians");
        TextField target = field("sweepP99Target", model.p99TargetProperty(), "optional, e.g. 50ms: recommend the largest count meeting it");
        tasks.setPrefColumnCount(6);
        repeat.setPrefColumnCount(3);
        target.setPrefColumnCount(6);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Pools"), pools);
        grid.addRow(1, new Label("Workers"), workers, new Label("Workload"), workload);
        grid.addRow(2, new Label("Tasks"), tasks, new Label("Repeat"), repeat, new Label("p99 target"), target);
        GridPane.setColumnSpan(pools, 5);

        Button start = new Button("Start sweep");
        start.setId("sweepStart");
        start.setDefaultButton(true);
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        Button cancel = new Button("Cancel");
        cancel.setId("sweepCancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setId("sweepProgress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(model.progressProperty());
        Label status = new Label();
        status.setId("sweepStatus");
        status.textProperty().bind(model.statusProperty());
        Label error = new Label();
        error.setId("sweepError");
        error.getStyleClass().add("sweep-error");
        error.textProperty().bind(model.errorProperty());
        HBox actions = new HBox(8, start, cancel, bar, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, grid, actions, error);
        box.setPadding(new Insets(8));
        return box;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setTooltip(new Tooltip(tip));
        return f;
    }

    private void render(SweepResult r) {
        chart.getData().clear();
        latencyChart.getData().clear();
        legend.getChildren().clear();
        useButtons.getChildren().clear();
        if (r == null) {
            explanation.setText("");
            return;
        }
        List<String> pools = r.spec().pools();
        int maxWorkers = r.spec().workers().get(r.spec().workers().size() - 1);
        int minWorkers = r.spec().workers().get(0);
        for (int i = 0; i < pools.size(); i++) {
            String pool = pools.get(i);
            String colour = COLOURS[i % COLOURS.length];
            List<SweepPoint> pts = r.points().stream().filter(p -> p.pool().equals(pool)).toList();
            if (pts.isEmpty()) {
                continue;
            }
            XYChart.Series<Number, Number> measured = new XYChart.Series<>();
            measured.setName(pool + " measured");
            for (SweepPoint p : pts) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(p.workers(), p.throughputPerSecond());
                Region dot = new Region();
                dot.getStyleClass().add("sweep-point");
                dot.setStyle("-fx-background-color: " + colour + ";");
                Tooltip.install(dot, new Tooltip(String.format(Locale.ROOT, "%s x%d: %.1f tasks/s, p50 %.2f ms, p99 %.2f ms (%d runs)",
                        pool, p.workers(), p.throughputPerSecond(), p.p50Micros() / 1e3, p.p99Micros() / 1e3, p.repetitions())));
                d.setNode(dot);
                measured.getData().add(d);
            }
            chart.getData().add(measured);
            measured.getNode().setStyle("-fx-stroke: transparent;");
            XYChart.Series<Number, Number> p99 = new XYChart.Series<>();
            p99.setName(pool + " p99");
            for (SweepPoint p : pts) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(p.workers(), p.p99Micros() / 1e3);
                Region dot = new Region();
                dot.getStyleClass().add("sweep-point");
                dot.setStyle("-fx-background-color: " + colour + ";");
                d.setNode(dot);
                p99.getData().add(d);
            }
            latencyChart.getData().add(p99);
            p99.getNode().setStyle("-fx-stroke: " + colour + "; -fx-stroke-width: 1px;");
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
                chart.getData().add(curve);
                curve.getData().forEach(d -> d.getNode().setVisible(false));
                curve.getNode().setStyle("-fx-stroke: " + colour + "; -fx-stroke-width: 1.5px; -fx-stroke-dash-array: 6 4;");
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
        List<String> lines = new java.util.ArrayList<>(r.recommendations().values().stream().map(Recommendation::explanation).toList());
        if (!r.machineNote().isEmpty()) {
            lines.add(r.machineNote());
        }
        if (r.cancelled()) {
            lines.add(0, "Cancelled after " + r.points().size() + " points; from those:");
        }
        explanation.setText(String.join("\n", lines));
    }

    private static String describe(ScalabilityFit f) {
        return String.format(Locale.ROOT, "%s USL: sigma %.3f, kappa %.4f, lambda %.0f/s, r2 %.2f",
                f.pool(), f.sigma(), f.kappa(), f.lambda(), f.r2());
    }

    private static HBox legendEntry(String colour, String text, boolean line) {
        Region mark = new Region();
        mark.setMinSize(line ? 18 : 8, line ? 2 : 8);
        mark.setMaxSize(line ? 18 : 8, line ? 2 : 8);
        mark.setStyle("-fx-background-color: " + colour + ";" + (line ? "" : " -fx-background-radius: 4;"));
        HBox box = new HBox(4, mark, new Label(text));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
