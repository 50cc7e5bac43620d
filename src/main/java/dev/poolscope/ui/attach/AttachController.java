package dev.poolscope.ui.attach;

import dev.poolscope.attach.AttachException;
import dev.poolscope.attach.DeepProbe;
import dev.poolscope.attach.LocalJvm;
import dev.poolscope.attach.LocalJvms;
import dev.poolscope.attach.PoolFigures;
import dev.poolscope.attach.PoolLabels;
import dev.poolscope.attach.PoolSizeAdvice;
import dev.poolscope.attach.WatchPoint;
import dev.poolscope.attach.WorkerThread;
import dev.poolscope.metrics.Percentiles;
import dev.poolscope.workload.TwinFile;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The attach view: the JVMs on this machine; once one is watched, its pools; for the chosen pool, live charts,
 * its worker threads and advice on its size. Readings cross to the FX thread coalesced (one pending hand-off,
 * the latest wins).
 */
public final class AttachController {
    private static final int POINTS = 300;

    @FXML private BorderPane root;
    @FXML private CheckBox deepBox;
    @FXML private Button watchButton;
    @FXML private Button stopButton;
    @FXML private Button sizeButton;
    @FXML private Label statusLabel;
    @FXML private TableView<LocalJvm> jvmTable;
    @FXML private TableColumn<LocalJvm, Number> jvmPid;
    @FXML private TableColumn<LocalJvm, String> jvmJava;
    @FXML private TableColumn<LocalJvm, String> jvmName;
    @FXML private TableColumn<LocalJvm, String> jvmNote;
    @FXML private TableView<PoolFigures> poolTable;
    @FXML private TableColumn<PoolFigures, String> poolName;
    @FXML private TableColumn<PoolFigures, String> poolKind;
    @FXML private TableColumn<PoolFigures, String> poolThreads;
    @FXML private TableColumn<PoolFigures, String> poolActive;
    @FXML private TableColumn<PoolFigures, String> poolQueue;
    @FXML private TableColumn<PoolFigures, String> poolRate;
    @FXML private TableColumn<PoolFigures, String> poolRejected;
    @FXML private TableColumn<PoolFigures, String> poolService;
    @FXML private TableColumn<PoolFigures, String> poolWait;
    @FXML private GridPane chartGrid;
    @FXML private LineChart<Number, Number> busyChart;
    @FXML private LineChart<Number, Number> queueChart;
    @FXML private LineChart<Number, Number> rateChart;
    @FXML private LineChart<Number, Number> latencyChart;
    @FXML private TableView<WorkerThread> threadTable;
    @FXML private TableColumn<WorkerThread, String> threadName;
    @FXML private TableColumn<WorkerThread, String> threadState;
    @FXML private TableColumn<WorkerThread, String> threadBusy;
    @FXML private VBox adviceBox;
    @FXML private Label limitsLabel;

    private final AttachSession session = new AttachSession();
    private final AtomicReference<AttachSession.Update> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private Predicate<String> consent = text -> false;
    private String selectedPool;

    @FXML
    private void initialize() {
        jvmPid.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pid()));
        jvmJava.setCellValueFactory(c -> text(c.getValue().javaVersion()));
        jvmName.setCellValueFactory(c -> text(c.getValue().displayName()));
        jvmNote.setCellValueFactory(c -> text(c.getValue().attachable()
                ? (c.getValue().reason() == null ? "" : c.getValue().reason())
                : "cannot attach: " + c.getValue().reason()));
        column(poolName, p -> PoolLabels.shortName(p.name())
                + (PoolLabels.threadNames(p.workers()) == null ? "" : " (" + PoolLabels.threadNames(p.workers()) + ")"));
        column(poolKind, PoolFigures::kind);
        column(poolThreads, p -> num(p.threads()));
        column(poolActive, p -> num(p.active()));
        column(poolQueue, p -> num(p.queueDepth()));
        column(poolRate, p -> p.throughputPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.1f", p.throughputPerSecond()));
        column(poolRejected, p -> num(p.rejected()));
        column(poolService, p -> millis(p.service()));
        column(poolWait, p -> millis(p.queueWait()));
        threadName.setCellValueFactory(c -> text(c.getValue().name()));
        threadState.setCellValueFactory(c -> text(c.getValue().state()));
        threadBusy.setCellValueFactory(c -> text(c.getValue().busy() ? "yes" : "no (waiting for a task)"));
        poolTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                selectedPool = b.name();
                showPool(b);
            }
        });
        jvmTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) ->
                watchButton.setDisable(b == null || !b.attachable()));
        watchButton.setDisable(true);
        stopButton.setDisable(true);
        sizeButton.setDisable(true);
        onRefresh();
    }

    /** How deep mode asks for consent: given the text of what loading leaves behind, true to load. */
    public void setConsent(Predicate<String> consent) {
        this.consent = consent;
    }

    /** Selects the JVM with this PID in the list, if listed. */
    public void select(long pid) {
        jvmTable.getItems().stream().filter(j -> j.pid() == pid).findFirst()
                .ifPresent(j -> jvmTable.getSelectionModel().select(j));
    }

    /** The chart grid, for snapshots. */
    public GridPane chartGrid() {
        return chartGrid;
    }

    @FXML
    void onRefresh() {
        long self = ProcessHandle.current().pid();
        jvmTable.setItems(FXCollections.observableArrayList(LocalJvms.list().stream().filter(j -> j.pid() != self).toList()));
    }

    @FXML
    void onWatch() {
        LocalJvm jvm = jvmTable.getSelectionModel().getSelectedItem();
        if (jvm == null) {
            return;
        }
        boolean deep = deepBox.isSelected();
        if (deep && !consent.test(DeepProbe.WHAT_STAYS)) {
            deep = false;
            deepBox.setSelected(false);
        }
        selectedPool = null;
        poolTable.getItems().clear();
        statusLabel.setText("attaching to " + jvm.pid() + "…");
        stopButton.setDisable(false);
        session.start(jvm.pid(), deep, Duration.ofMillis(deep ? 250 : 1000), this::offer);
    }

    @FXML
    void onStop() {
        stopButton.setDisable(true);
        Thread t = new Thread(session::stop, "poolscope-attach-stop");
        t.setDaemon(true);
        t.start();
    }

    /** "Size it in the lab": writes the chosen pool's twin and opens a sweep on it. */
    @FXML
    void onSize() {
        String pool = selectedPool;
        if (pool == null) {
            return;
        }
        try {
            TwinFile twin = session.twin(pool);
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "poolscope-twins");
            Path file = dir.resolve("twin-" + twin.pid() + "-" + PoolLabels.shortName(pool).replaceAll("[^A-Za-z0-9@._-]", "_")
                    + "-" + System.currentTimeMillis() + ".json");
            twin.write(file);
            SizingWindow.open(root.getScene() == null ? null : root.getScene().getWindow(), file, twin);
        } catch (AttachException | IOException | RuntimeException e) {
            statusLabel.setText("cannot size it yet: " + e.getMessage());
        }
    }

    /** Stops watching; blocks until detached (at most 10 s). */
    public void close() {
        session.stop();
    }

    private void offer(AttachSession.Update u) {
        latest.set(u);
        if (pending.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                pending.set(false);
                apply(latest.get());
            });
        }
    }

    private void apply(AttachSession.Update u) {
        if (u.ended() != null) {
            statusLabel.setText("PID " + u.pid() + ": " + u.ended());
            stopButton.setDisable(true);
            sizeButton.setDisable(true);
            if (u.pools().isEmpty()) {
                return;
            }
        } else {
            statusLabel.setText("PID " + u.pid() + " · Java " + u.javaVersion() + " · " + u.mode() + " mode · "
                    + u.pools().size() + " pools");
            sizeButton.setDisable(!"deep".equals(u.mode()));
        }
        List<PoolFigures> pools = u.pools();
        poolTable.getItems().setAll(pools);
        limitsLabel.setText(String.join("\n", u.limits()));
        if (selectedPool == null && !pools.isEmpty()) {
            selectedPool = pools.stream().filter(p -> p.threads() != null && p.threads() > 0)
                    .max((a, b) -> Integer.compare(a.threads(), b.threads())).map(PoolFigures::name)
                    .orElse(pools.get(0).name());
        }
        pools.stream().filter(p -> p.name().equals(selectedPool)).findFirst().ifPresent(p -> {
            poolTable.getSelectionModel().select(p);
            showPool(p);
        });
    }

    private void showPool(PoolFigures p) {
        List<WatchPoint> pts = p.samples();
        List<WatchPoint> tail = pts.subList(Math.max(0, pts.size() - POINTS), pts.size());
        busyChart.getData().setAll(series("busy", tail, w -> w.activeWorkers()), series("pool size", tail, w -> w.poolSize()));
        queueChart.getData().setAll(series("queue depth", tail, w -> w.queueDepth()));
        rateChart.getData().setAll(series("tasks/s", tail, w -> w.throughputPerSecond()));
        latencyChart.getData().setAll(series("p50", tail, w -> w.p50Micros() == null ? null : w.p50Micros() / 1000),
                series("p99", tail, w -> w.p99Micros() == null ? null : w.p99Micros() / 1000));
        queueChart.setTitle(p.queueDepth() == null ? "Queue depth (unseen in basic mode)" : "Queue depth");
        latencyChart.setTitle(p.service() == null ? "Service time (unseen in this mode)" : "Service time");
        rateChart.setTitle(p.throughputPerSecond() == null ? "Throughput (unseen in basic mode)" : "Throughput");
        threadTable.getItems().setAll(p.workers());
        List<Label> advice = new ArrayList<>();
        if (p.stall() != null) {
            Label l = new Label(p.stall().describe());
            l.setWrapText(true);
            l.getStyleClass().add("problem");
            l.setId("stallNote");
            advice.add(l);
        }
        for (String a : PoolSizeAdvice.advise(p)) {
            Label l = new Label("• " + a);
            l.setWrapText(true);
            l.getStyleClass().add("figure-small");
            advice.add(l);
        }
        if (p.note() != null) {
            Label l = new Label(p.note());
            l.setWrapText(true);
            l.getStyleClass().add("problem");
            advice.add(l);
        }
        adviceBox.getChildren().setAll(advice);
    }

    private static XYChart.Series<Number, Number> series(String name, List<WatchPoint> pts, Function<WatchPoint, Number> f) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(pts.size());
        for (WatchPoint w : pts) {
            Number v = f.apply(w);
            if (v != null) {
                data.add(new XYChart.Data<>(w.elapsedMillis() / 1000.0, v));
            }
        }
        s.getData().setAll(data);
        return s;
    }

    private static <T> void column(TableColumn<T, String> c, Function<T, String> f) {
        c.setCellValueFactory(cell -> text(f.apply(cell.getValue())));
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s == null ? "?" : s);
    }

    private static String num(Number n) {
        return n == null ? "-" : n.toString();
    }

    private static String millis(Percentiles p) {
        return p == null || p.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f ms", p.p50() / 1e6);
    }
}
