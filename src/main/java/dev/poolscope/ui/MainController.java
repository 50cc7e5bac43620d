package dev.poolscope.ui;

import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.ui.attach.AttachWindow;
import dev.poolscope.ui.model.ArrivalKind;
import dev.poolscope.ui.model.FormField;
import dev.poolscope.ui.model.Format;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunFormModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.model.SeriesBuffer;
import dev.poolscope.ui.model.WorkerRow;
import dev.poolscope.ui.run.RunSession;
import dev.poolscope.ui.view.ChartPng;
import dev.poolscope.ui.view.ParamItem;
import dev.poolscope.ui.view.TimelineView;
import dev.poolscope.ui.picture.PoolPictureView;
import dev.poolscope.ui.view.WorkerControl;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.control.StatusBar;
import org.controlsfx.tools.ValueExtractor;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The main window: run form, run bar, live charts and figures, worker table, status bar. */
public final class MainController {
    private final Dashboard ctx;
    private final RunFormModel form;
    private final LiveRunModel live;
    private ValidationSupport validation;
    private ObjectProperty<Integer> workersObject;
    private boolean syncingSlider;

    @FXML private BorderPane root;
    @FXML private Menu presetsMenu;
    @FXML private MenuItem runItem;
    @FXML private MenuItem stopItem;
    @FXML private MenuItem jfrStartItem;
    @FXML private MenuItem jfrSaveItem;
    private JfrMenu jfrMenu;
    @FXML private Button runButton;
    @FXML private Button stopButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label poolSizeLabel;
    @FXML private VBox formBox;
    @FXML private ComboBox<String> poolBox;
    @FXML private Spinner<Integer> workersSpinner;
    @FXML private Slider workersSlider;
    @FXML private TextField queueField;
    @FXML private ComboBox<RejectionPolicy> rejectionBox;
    @FXML private ComboBox<String> workloadBox;
    @FXML private TextField tasksField;
    @FXML private ComboBox<ArrivalKind> arrivalBox;
    @FXML private TextField rateField;
    @FXML private TextField seedField;
    @FXML private TextField timeoutField;
    @FXML private Label workloadDescription;
    @FXML private StackPane paramsHolder;
    @FXML private Label problemLabel;
    @FXML private TabPane tabs;
    @FXML private CheckMenuItem presenterItem;
    @FXML private GridPane chartGrid;
    @FXML private LineChart<Number, Number> throughputChart;
    @FXML private LineChart<Number, Number> latencyChart;
    @FXML private LineChart<Number, Number> queueChart;
    @FXML private LineChart<Number, Number> workersChart;
    @FXML private BarChart<String, Number> histogramChart;
    @FXML private TimelineView timeline;
    @FXML private PoolPictureView poolPicture;
    @FXML private Label throughputValue;
    @FXML private Label latencyValue;
    @FXML private Label serviceValue;
    @FXML private Label cpuValue;
    @FXML private Label workersValue;
    @FXML private Label outcomesValue;
    @FXML private Label littleValue;
    @FXML private Label insightLabel;
    @FXML private Button killButton;
    @FXML private Label killHint;
    @FXML private TableView<WorkerRow> workerTable;
    @FXML private StatusBar statusBar;
    @FXML private HistoryController historyController;

    private final PropertySheet paramSheet = new PropertySheet();
    private final javafx.beans.property.BooleanProperty sheetEditing = new javafx.beans.property.SimpleBooleanProperty();

    public MainController(Dashboard ctx) {
        this.ctx = ctx;
        this.form = ctx.form();
        this.live = ctx.live();
    }

    @FXML
    private void initialize() {
        setUpForm();
        setUpValidation();
        setUpRunBar();
        setUpCharts();
        setUpNumbers();
        setUpWorkers();
        jfrMenu = new JfrMenu(jfrStartItem, jfrSaveItem, ctx);
        setUpPresets();
    }

    private BooleanBinding busy() {
        return Bindings.createBooleanBinding(() -> live.getPhase().busy(), live.phaseProperty());
    }

    private void setUpForm() {
        BooleanBinding busy = busy();
        poolBox.getItems().setAll(form.pools().names());
        poolBox.valueProperty().bindBidirectional(form.poolProperty());
        poolBox.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty || name == null ? null
                        : name + "  —  " + form.pools().find(name).map(k -> k.description()).orElse(""));
            }
        });

        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, Math.max(1, form.maxWorkersProperty().get()), form.workersProperty().get());
        factory.maxProperty().bind(form.maxWorkersProperty());
        factory.setConverter(new StringConverter<>() {
            @Override public String toString(Integer v) { return v == null ? "" : v.toString(); }
            @Override public Integer fromString(String s) {
                try {
                    return Integer.valueOf(s.trim());
                } catch (NumberFormatException e) {
                    return factory.getValue(); // an unparsable entry keeps the old value
                }
            }
        });
        workersSpinner.setValueFactory(factory);
        workersObject = form.workersProperty().asObject();
        factory.valueProperty().bindBidirectional(workersObject);
        workersSlider.maxProperty().bind(Bindings.createDoubleBinding(
                () -> (double) Math.min(form.maxWorkersProperty().get(), 32), form.maxWorkersProperty()));
        workersSlider.setValue(form.workersProperty().get());
        workersSlider.valueProperty().addListener((o, was, now) -> {
            if (!syncingSlider && !workersSlider.isValueChanging()) {
                form.workersProperty().set((int) Math.round(now.doubleValue()));
            }
        });
        workersSlider.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                form.workersProperty().set((int) Math.round(workersSlider.getValue()));
            }
        });
        form.workersProperty().addListener((o, was, now) -> {
            syncingSlider = true;
            workersSlider.setValue(now.intValue());
            syncingSlider = false;
            if (live.getPhase() == RunPhase.RUNNING && form.errorFor(FormField.WORKERS) == null) {
                ctx.session().resize(now.intValue());
            }
        });
        Tooltip.install(workersSpinner, new Tooltip("Change it during a run to resize the pool live"));

        queueField.textProperty().bindBidirectional(form.queueCapacityProperty());
        rejectionBox.getItems().setAll(RejectionPolicy.values());
        rejectionBox.valueProperty().bindBidirectional(form.rejectionProperty());
        rejectionBox.disableProperty().bind(busy.or(Bindings.createBooleanBinding(() -> {
            String q = form.queueCapacityProperty().get();
            return q == null || q.isBlank() || q.trim().equalsIgnoreCase(RunFormModel.UNBOUNDED);
        }, form.queueCapacityProperty())));

        workloadBox.getItems().setAll(form.workloads().names());
        workloadBox.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty || name == null ? null
                        : name + "  —  " + form.workloads().find(name).map(w -> w.description()).orElse(""));
            }
        });
        workloadBox.valueProperty().bindBidirectional(form.workloadProperty());
        tasksField.textProperty().bindBidirectional(form.tasksProperty());
        arrivalBox.getItems().setAll(ArrivalKind.values());
        arrivalBox.valueProperty().bindBidirectional(form.arrivalProperty());
        rateField.textProperty().bindBidirectional(form.rateProperty());
        rateField.disableProperty().bind(busy.or(form.arrivalProperty().isEqualTo(ArrivalKind.ALL_AT_ONCE)));
        seedField.textProperty().bindBidirectional(form.seedProperty());
        timeoutField.textProperty().bindBidirectional(form.taskTimeoutProperty());
        for (Control c : List.of(poolBox, queueField, workloadBox, tasksField, arrivalBox, seedField, timeoutField, paramSheet)) {
            c.disableProperty().bind(busy);
        }

        paramSheet.setModeSwitcherVisible(false);
        paramSheet.setSearchBoxVisible(false);
        paramSheet.setMode(PropertySheet.Mode.NAME);
        paramsHolder.getChildren().add(paramSheet);
        // rebuild once after a bulk change (a workload switch clears and refills the map), never in the middle of it
        form.workloadProperty().addListener((o, was, now) -> scheduleParamsRebuild());
        form.params().addListener((MapChangeListener<String, String>) c -> {
            if (!sheetEditing.get()) {
                scheduleParamsRebuild(); // a preset or an earlier run was loaded
            }
        });
        rebuildParams();
        problemLabel.textProperty().bind(form.problemProperty());
    }

    private boolean paramsRebuildPending;

    private void scheduleParamsRebuild() {
        if (!paramsRebuildPending) {
            paramsRebuildPending = true;
            Platform.runLater(() -> {
                paramsRebuildPending = false;
                rebuildParams();
            });
        }
    }

    private void rebuildParams() {
        var wl = form.workloads().find(form.workloadProperty().get());
        workloadDescription.setText(wl.map(w -> w.description() + (w.requiresProcess() ? " (process pools only)" : "")).orElse(""));
        paramSheet.getItems().setAll(wl.map(w -> w.params().stream()
                .map(p -> (PropertySheet.Item) new ParamItem(p, form.params(), sheetEditing)).toList()).orElse(List.of()));
    }

    private void setUpValidation() {
        validation = new ValidationSupport();
        ValueExtractor.addObservableValueExtractor(c -> c instanceof PropertySheet, c -> form.errorsProperty());
        validate(poolBox, FormField.POOL, m -> true);
        validate(workersSpinner, FormField.WORKERS, m -> true);
        validate(queueField, FormField.QUEUE_CAPACITY, m -> true);
        validate(rejectionBox, FormField.REJECTION, m -> true);
        validate(workloadBox, FormField.WORKLOAD, m -> !m.startsWith("parameter"));
        validate(paramSheet, FormField.WORKLOAD, m -> m.startsWith("parameter") || m.startsWith("unknown parameter"));
        validate(tasksField, FormField.TASKS, m -> true);
        validate(rateField, FormField.RATE, m -> true);
        validate(seedField, FormField.SEED, m -> true);
        validate(timeoutField, FormField.TASK_TIMEOUT, m -> true);
        form.errorsProperty().addListener((o, was, now) -> validation.revalidate());
    }

    private void validate(Control c, FormField field, java.util.function.Predicate<String> mine) {
        validation.registerValidator(c, false, (Control ctl, Object value) -> {
            String m = form.errorFor(field);
            boolean bad = m != null && mine.test(m);
            return ValidationResult.fromErrorIf(ctl, bad ? RunFormModel.label(field) + ": " + m : "", bad);
        });
    }

    private void setUpRunBar() {
        BooleanBinding busy = busy();
        runButton.disableProperty().bind(form.validProperty().not().or(busy));
        runItem.disableProperty().bind(runButton.disableProperty());
        stopButton.disableProperty().bind(busy.not());
        stopItem.disableProperty().bind(stopButton.disableProperty());
        runItem.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        stopItem.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        runButton.setTooltip(new Tooltip("Run (F5 or Ctrl+R)"));
        stopButton.setTooltip(new Tooltip("Stop (Esc): queued tasks are cancelled, running ones interrupted"));
        progressBar.progressProperty().bind(live.progressProperty());
        progressLabel.textProperty().bind(live.progressTextProperty());
        poolSizeLabel.textProperty().bind(Bindings.createStringBinding(
                () -> live.getPhase().busy() ? "pool size " + live.poolSizeProperty().get() : "",
                live.poolSizeProperty(), live.phaseProperty()));
        statusBar.textProperty().bind(live.statusProperty());
        Label phase = new Label();
        phase.getStyleClass().add("phase");
        phase.textProperty().bind(Bindings.createStringBinding(() -> live.getPhase().label(), live.phaseProperty()));
        live.phaseProperty().addListener((o, was, now) -> {
            phase.getStyleClass().removeIf(s -> s.startsWith("phase-"));
            phase.getStyleClass().add("phase-" + now.name().toLowerCase(java.util.Locale.ROOT));
        });
        Label cores = new Label(Runtime.getRuntime().availableProcessors() + " cores");
        statusBar.getRightItems().setAll(phase, cores);
    }

    /** Adds the Ctrl+R shortcut (F5 and Esc come with the menu items). */
    void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), this::onRun);
    }

    private void setUpCharts() {
        throughputChart.getData().add(series(live.throughputSeries()));
        latencyChart.getData().addAll(List.of(series(live.p50()), series(live.p90()), series(live.p99())));
        queueChart.getData().add(series(live.queueDepth()));
        workersChart.getData().addAll(List.of(series(live.active()), series(live.poolSizeSeries())));
        histogramChart.getData().add(new XYChart.Series<>("latency", live.histogram()));
        live.timelineProperty().addListener((o, was, now) -> timeline.setFrame(now));
        poolPicture.bind(live);
        for (Node chart : List.of(throughputChart, latencyChart, queueChart, workersChart, histogramChart)) {
            addPngMenu(chart, ((javafx.scene.chart.Chart) chart).getTitle());
        }
        addPngMenu(timeline, "worker timeline");
    }

    private static XYChart.Series<Number, Number> series(SeriesBuffer b) {
        return new XYChart.Series<>(b.name(), b.data());
    }

    private void addPngMenu(Node node, String title) {
        MenuItem save = new MenuItem("Save chart as PNG…");
        save.setOnAction(e -> savePng(node, title));
        ContextMenu menu = new ContextMenu(save);
        node.setOnContextMenuRequested(e -> menu.show(node, e.getScreenX(), e.getScreenY()));
    }

    /** Saves a node as PNG where the user chooses. */
    void savePng(Node node, String title) {
        String name = title.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "").toLowerCase(java.util.Locale.ROOT) + ".png";
        Optional<Path> target = ctx.dialogs().saveFile("Save chart as PNG", name, "png");
        target.ifPresent(p -> writePng(node, p));
    }

    /** Writes a node's snapshot to a PNG file in the background. FX thread. */
    void writePng(Node node, Path file) {
        var image = ChartPng.snapshot(node);
        ctx.session().onIo("Saving " + file.getFileName(), () -> {
            ChartPng.write(image, file);
            javafx.application.Platform.runLater(() -> ctx.notifier().info("Saved", file.toString()));
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

    private void setUpWorkers() {
        workerTable.setItems(live.workerRows());
        workerTable.getColumns().setAll(List.of(
                column("Worker", WorkerSnapshot::label),
                column("State", w -> w.state().name().toLowerCase(java.util.Locale.ROOT)),
                column("PID", w -> w.pid() < 0 ? "–" : Long.toString(w.pid())),
                column("Tasks", w -> Format.count(w.tasks())),
                column("Restarts", w -> Integer.toString(w.restarts())),
                column("Busy", w -> Format.percent(w.busyFraction())),
                column("CPU", w -> w.cpuNanos() < 0 ? "–" : Format.decimal(w.cpuNanos() / 1e9, 2) + " s"),
                column("Memory", w -> Format.mebibytes(w.rssBytes())),
                column("Start-up", w -> w.startupMillis() < 0 ? "–" : Format.decimal(w.startupMillis(), 1) + " ms")));
        workerTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        workerTable.setPlaceholder(new Label("Workers appear here while a run goes."));
        killButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> live.getPhase() != RunPhase.RUNNING || workerTable.getSelectionModel().getSelectedItem() == null
                        || !ctx.session().canKillWorker(),
                live.phaseProperty(), workerTable.getSelectionModel().selectedItemProperty(), live.workerRows()));
        killHint.setText(WorkerControl.hint());
    }

    private static TableColumn<WorkerRow, String> column(String title, Function<WorkerSnapshot, String> f) {
        TableColumn<WorkerRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> Bindings.createStringBinding(() -> f.apply(cd.getValue().getSnapshot()),
                cd.getValue().snapshotProperty()));
        c.setSortable(false);
        return c;
    }

    @FXML
    private void onKillWorker() {
        WorkerRow row = workerTable.getSelectionModel().getSelectedItem();
        if (row != null) {
            WorkerSnapshot w = row.getSnapshot();
            ctx.session().killWorker(w, pid -> ctx.notifier().info("Worker killed",
                    pid < 0 ? w.label() + " had no live process" : w.label() + " (PID " + pid + ") was killed; watch its slot restart"));
        }
    }

    private void setUpPresets() {
        int fixed = presetsMenu.getItems().size();
        ctx.history().presets().addListener((MapChangeListener<String, RunSpec>) c -> {
            presetsMenu.getItems().remove(fixed, presetsMenu.getItems().size());
            ctx.history().presets().forEach((name, spec) -> {
                MenuItem load = new MenuItem("Load");
                load.setOnAction(e -> form.load(spec));
                MenuItem delete = new MenuItem("Delete");
                delete.setOnAction(e -> ctx.session().deletePreset(name));
                Menu m = new Menu(name, null, load, delete);
                presetsMenu.getItems().add(m);
            });
        });
    }

    @FXML
    void onRun() {
        if (live.getPhase().busy()) {
            return;
        }
        try {
            workersSpinner.commitValue();
        } catch (RuntimeException ignored) {
            // the converter keeps the old value
        }
        RunSpec spec = form.getSpec();
        if (spec == null) {
            ctx.notifier().error("The form has an error", form.problemProperty().get());
            return;
        }
        tabs.getSelectionModel().select(0);
        ctx.session().start(spec);
    }

    @FXML
    void onStop() {
        ctx.session().stop();
    }

    @FXML
    private void onResetForm() {
        form.load(new RunFormModel(form.pools(), form.workloads()).getSpec());
    }

    @FXML
    private void onAttach() {
        AttachWindow.open(root.getScene().getWindow());
    }

    @FXML
    private void onQuit() {
        root.getScene().getWindow().hide();
    }

    @FXML
    private void onSavePreset() {
        RunSpec spec = form.getSpec();
        if (spec == null) {
            ctx.notifier().error("Cannot save a preset", form.problemProperty().get());
            return;
        }
        ctx.dialogs().askText("Save preset", "Name for this preset", spec.pool() + " x" + spec.workers() + " " + spec.workload())
                .map(String::trim).filter(s -> !s.isEmpty())
                .ifPresent(name -> ctx.session().savePreset(name, spec));
    }

    @FXML
    private void onExportJson() {
        historyController.exportSelected(RunSession.ExportKind.JSON);
    }

    @FXML
    private void onExportCsv() {
        historyController.exportSelected(RunSession.ExportKind.CSV);
    }

    @FXML
    private void onExportLivePng() {
        ctx.dialogs().saveFile("Save live charts as PNG", "poolscope-live.png", "png").ifPresent(p -> writePng(chartGrid, p));
    }

    /** Adds an item to the status bar's right side, before the core count. */
    public void addStatusItem(Node item) {
        statusBar.getRightItems().add(statusBar.getRightItems().size() - 1, item);
    }

    /** Adds a tab (for views made elsewhere, such as tuning). */
    public void addTab(String title, Node content) {
        tabs.getTabs().add(new Tab(title, content));
    }

    /** The Run menu's JFR items. */
    JfrMenu jfrMenu() {
        return jfrMenu;
    }

    /** The View menu's presenter-mode switch. */
    public CheckMenuItem presenterItem() {
        return presenterItem;
    }

    /** Brings the tab with this title to the front, if there is one. */
    public void selectTab(String title) {
        tabs.getTabs().stream().filter(t -> title.equals(t.getText())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** The presets menu. */
    Menu presetsMenu() {
        return presetsMenu;
    }

    /** The history view's controller. */
    public HistoryController history() {
        return historyController;
    }

    /** The live charts' grid, for snapshots. */
    GridPane chartGrid() {
        return chartGrid;
    }
}
