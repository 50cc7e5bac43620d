package dev.poolscope.ui;

import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.view.ChartData;
import dev.poolscope.ui.view.ChartPng;
import dev.poolscope.ui.view.TimelineView;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.Chart;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Live tab: the live charts (fed from the model's plain points), the
 * worker timeline, the headline figures with the insight line, PNG export of
 * each chart, and a place beside the charts for the pool's picture.
 */
public final class LiveChartsController {
    private final Dashboard ctx;
    private final LiveRunModel live;

    @FXML private GridPane chartGrid;
    @FXML private LineChart<Number, Number> throughputChart;
    @FXML private LineChart<Number, Number> latencyChart;
    @FXML private LineChart<Number, Number> queueChart;
    @FXML private LineChart<Number, Number> workersChart;
    @FXML private BarChart<String, Number> histogramChart;
    @FXML private TimelineView timeline;
    @FXML private Label throughputValue;
    @FXML private Label latencyValue;
    @FXML private Label serviceValue;
    @FXML private Label cpuValue;
    @FXML private Label workersValue;
    @FXML private Label outcomesValue;
    @FXML private Label littleValue;
    @FXML private Label insightLabel;

    public LiveChartsController(Dashboard ctx) {
        this.ctx = ctx;
        this.live = ctx.live();
    }

    @FXML
    private void initialize() {
        setUpCharts();
        setUpNumbers();
    }

    /** The charts' grid, for snapshots. */
    public GridPane chartGrid() {
        return chartGrid;
    }

    /** Asks where to save the charts' grid and saves it as PNG. */
    public void exportPng() {
        ctx.dialogs().saveFile("Save live charts as PNG", "poolscope-live.png", "png").ifPresent(p -> writePng(chartGrid, p));
    }

    private void setUpCharts() {
        throughputChart.getData().add(ChartData.series(live.throughputSeries()));
        latencyChart.getData().addAll(List.of(ChartData.series(live.p50()), ChartData.series(live.p90()), ChartData.series(live.p99())));
        queueChart.getData().add(ChartData.series(live.queueDepth()));
        workersChart.getData().addAll(List.of(ChartData.series(live.active()), ChartData.series(live.poolSizeSeries())));
        histogramChart.getData().add(ChartData.bars("latency", live.histogram()));
        live.timelineProperty().addListener((o, was, now) -> timeline.setFrame(now));
        for (Node chart : List.of(throughputChart, latencyChart, queueChart, workersChart, histogramChart)) {
            addPngMenu(chart, ((Chart) chart).getTitle());
        }
        addPngMenu(timeline, "worker timeline");
    }

    private void addPngMenu(Node node, String title) {
        MenuItem save = new MenuItem("Save chart as PNG…");
        save.setOnAction(e -> savePng(node, title));
        ContextMenu menu = new ContextMenu(save);
        node.setOnContextMenuRequested(e -> menu.show(node, e.getScreenX(), e.getScreenY()));
    }

    /** Saves a node as PNG where the user chooses. */
    public void savePng(Node node, String title) {
        String name = title.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "").toLowerCase(Locale.ROOT) + ".png";
        Optional<Path> target = ctx.dialogs().saveFile("Save chart as PNG", name, "png");
        target.ifPresent(p -> writePng(node, p));
    }

    /** Writes a node's snapshot to a PNG file in the background. FX thread. */
    public void writePng(Node node, Path file) {
        var image = ChartPng.snapshot(node);
        ctx.session().onIo("Saving " + file.getFileName(), () -> {
            ChartPng.write(image, file);
            Platform.runLater(() -> ctx.notifier().info("Saved", file.toString()));
        });
    }

    private void setUpNumbers() {
        throughputValue.textProperty().bind(live.throughputProperty());
        latencyValue.textProperty().bind(live.latencyProperty());
        serviceValue.textProperty().bind(live.serviceProperty());
        cpuValue.textProperty().bind(live.cpuProperty());
        workersValue.textProperty().bind(live.workersProperty());
        outcomesValue.textProperty().bind(live.outcomesProperty());
        littleValue.textProperty().bind(live.littlesLawProperty());
        Tooltip.install(littleValue, new Tooltip("Little's law: the average number waiting (L) equals the rate tasks start (λ)"
                + " times their average wait (W). With all tasks submitted at once the two agree once the queue has drained."));
        insightLabel.textProperty().bind(live.insightProperty());
        insightLabel.visibleProperty().bind(live.insightProperty().isNotEmpty());
    }

}
