package dev.poolscope.ui;

import dev.poolscope.metrics.SamplePoint;
import dev.poolscope.ui.model.CompareTable;
import dev.poolscope.ui.model.Format;
import dev.poolscope.ui.view.CompareCharts;
import dev.poolscope.ui.run.RunSession;
import dev.poolscope.ui.store.HistoryEntry;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The history tab: finished runs, comparison of selected runs, export. */
public final class HistoryController {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private final Dashboard ctx;

    @FXML private TableView<HistoryEntry> historyTable;
    @FXML private Button compareButton;
    @FXML private Button loadButton;
    @FXML private Button exportJsonButton;
    @FXML private Button exportCsvButton;
    @FXML private Button deleteButton;
    @FXML private LineChart<Number, Number> compareThroughput;
    @FXML private LineChart<Number, Number> compareLatency;
    @FXML private LineChart<Number, Number> compareQueue;
    @FXML private LineChart<Number, Number> compareCpu;
    @FXML private GridPane compareFigures;
    @FXML private javafx.scene.layout.BorderPane comparePane;

    private final List<HistoryEntry> compared = new ArrayList<>();

    public HistoryController(Dashboard ctx) {
        this.ctx = ctx;
    }

    @FXML
    private void initialize() {
        TableColumn<HistoryEntry, String> finished = column("Finished", e -> TIME.format(e.finishedAt()));
        historyTable.getColumns().setAll(List.of(finished,
                column("Pool", e -> e.spec().pool()),
                column("Workers", HistoryEntry::workersText),
                column("Workload", e -> e.spec().workload().toString()),
                column("Tasks", e -> Format.count(e.spec().tasks())),
                column("Arrival", e -> e.spec().arrival().describe()),
                column("Ended", HistoryEntry::state),
                column("Wall", e -> Format.decimal(e.wallSeconds(), 2) + " s"),
                column("Throughput", e -> Format.rate(e.throughput())),
                column("p50", e -> Format.micros(e.latencyMicros("p50"))),
                column("p99", e -> Format.micros(e.latencyMicros("p99"))),
                column("CPU", e -> Format.percent(e.cpuUtilisation()))));
        SortedList<HistoryEntry> sorted = new SortedList<>(ctx.history().runs(),
                Comparator.comparing(HistoryEntry::finishedAt).thenComparing(HistoryEntry::id).reversed());
        historyTable.setItems(sorted);
        finished.setPrefWidth(110);
        finished.setMinWidth(100);
        historyTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        historyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        historyTable.setPlaceholder(new Label("Finished runs appear here. Run something with F5."));
        ObservableList<HistoryEntry> selected = historyTable.getSelectionModel().getSelectedItems();
        compareButton.disableProperty().bind(Bindings.size(selected).lessThan(2));
        for (Button b : List.of(loadButton, exportJsonButton, exportCsvButton)) {
            b.disableProperty().bind(Bindings.size(selected).isNotEqualTo(1));
        }
        deleteButton.disableProperty().bind(Bindings.isEmpty(selected));
        selected.addListener((ListChangeListener<HistoryEntry>) c -> {
            if (!selected.isEmpty()) {
                compare(List.copyOf(selected));
            }
        });
    }

    private static TableColumn<HistoryEntry, String> column(String title, Function<HistoryEntry, String> f) {
        TableColumn<HistoryEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setSortable(false); // newest first; a SortedList would need the table's comparator bound
        return c;
    }

    @FXML
    private void onCompare() {
        compare(List.copyOf(historyTable.getSelectionModel().getSelectedItems()));
    }

    /** Overlays the runs' charts and lists their figures side by side. */
    public void compare(List<HistoryEntry> selection) {
        List<HistoryEntry> runs = selection.stream().sorted(Comparator.comparing(HistoryEntry::finishedAt)
                .thenComparing(HistoryEntry::id)).toList(); // #1 is the oldest
        compared.clear();
        compared.addAll(runs);
        overlay(compareThroughput, runs, CompareCharts.THROUGHPUT);
        overlay(compareLatency, runs, CompareCharts.P99_MILLIS);
        overlay(compareQueue, runs, CompareCharts.QUEUE);
        overlay(compareCpu, runs, CompareCharts.CPU_PERCENT);
        compareFigures.getChildren().clear();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            labels.add("#" + (i + 1) + " " + runs.get(i).spec().pool() + " x" + runs.get(i).spec().workers());
        }
        compareFigures.add(header(""), 0, 0);
        for (int i = 0; i < labels.size(); i++) {
            Label h = header(labels.get(i));
            h.setGraphic(CompareCharts.swatch(i)); // the run's colour in the charts
            compareFigures.add(h, i + 1, 0);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            HistoryEntry e = runs.get(i);
            names.add("#" + (i + 1) + " " + e.spec().pool() + " x" + e.spec().workers() + " " + e.spec().workload().name());
        }
        comparePane.setTop(CompareCharts.legend(names));
        int r = 1;
        for (CompareTable.Row row : CompareTable.rows(runs)) {
            Label name = new Label(row.name());
            name.getStyleClass().add("figure-name");
            compareFigures.add(name, 0, r);
            for (int i = 0; i < row.values().size(); i++) {
                Label v = new Label(row.values().get(i));
                v.getStyleClass().add("compare-value");
                compareFigures.add(v, i + 1, r);
            }
            r++;
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("compare-header");
        return l;
    }

    private static void overlay(LineChart<Number, Number> chart, List<HistoryEntry> runs, ToDoubleFunction<SamplePoint> y) {
        List<CompareCharts.Run> named = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            HistoryEntry e = runs.get(i);
            named.add(new CompareCharts.Run("#" + (i + 1) + " " + e.spec().pool() + " x" + e.spec().workers() + " "
                    + e.spec().workload().name(), e.samples()));
        }
        CompareCharts.overlay(chart, named, y);
    }

    @FXML
    private void onLoadIntoForm() {
        HistoryEntry e = historyTable.getSelectionModel().getSelectedItem();
        if (e != null) {
            ctx.form().load(e.spec());
        }
    }

    @FXML
    private void onExportJson() {
        exportSelected(RunSession.ExportKind.JSON);
    }

    @FXML
    private void onExportCsv() {
        exportSelected(RunSession.ExportKind.CSV);
    }

    /** Exports the selected run, or the latest if none is selected. */
    public void exportSelected(RunSession.ExportKind kind) {
        HistoryEntry e = historyTable.getSelectionModel().getSelectedItem();
        if (e == null && !historyTable.getItems().isEmpty()) {
            e = historyTable.getItems().get(0);
        }
        if (e == null) {
            ctx.notifier().error("Nothing to export", "no finished run yet");
            return;
        }
        String ext = kind == RunSession.ExportKind.JSON ? "json" : "csv";
        HistoryEntry entry = e;
        ctx.dialogs().saveFile("Export run", "poolscope-" + e.id() + "." + ext, ext).ifPresent(
                (Path p) -> ctx.session().export(entry, kind, p, () -> ctx.notifier().info("Exported", p.toString())));
    }

    @FXML
    private void onDelete() {
        ctx.session().deleteRuns(List.copyOf(historyTable.getSelectionModel().getSelectedItems()));
    }

    /** The history table. */
    public TableView<HistoryEntry> table() {
        return historyTable;
    }

    /** The runs shown in the comparison. */
    public List<HistoryEntry> compared() {
        return List.copyOf(compared);
    }
}
