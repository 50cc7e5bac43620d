package dev.poolscope.ui;

import dev.poolscope.engine.RunSpec;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunFormModel;
import dev.poolscope.ui.picture.PoolPictureView;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import org.controlsfx.control.StatusBar;

import java.util.Locale;

/**
 * The main window's shell: menus, run bar, run form, the Live, Workers and
 * History tabs (each an included view with its own controller) and the status
 * bar. It starts a run (the one action several views share) and hands out
 * the views' controllers.
 */
public final class MainController {
    private final Dashboard ctx;
    private final RunFormModel form;
    private final LiveRunModel live;

    @FXML private BorderPane root;
    @FXML private TabPane tabs;
    @FXML private StatusBar statusBar;
    @FXML private MenusController menusController;
    @FXML private RunBarController runBarController;
    @FXML private RunFormController runFormController;
    @FXML private LiveChartsController liveChartsController;
    @FXML private WorkersController workersController;
    @FXML private HistoryController historyController;
    @FXML private PoolPictureView poolPicture;

    public MainController(Dashboard ctx) {
        this.ctx = ctx;
        this.form = ctx.form();
        this.live = ctx.live();
    }

    @FXML
    private void initialize() {
        runBarController.setOnRun(this::onRun);
        menusController.setActions(new MenusController.Actions(this::onRun, liveChartsController::exportPng,
                historyController::exportSelected));
        poolPicture.bind(live);
        setUpStatusBar();
    }

    private void setUpStatusBar() {
        statusBar.textProperty().bind(live.statusProperty());
        Label phase = new Label();
        phase.getStyleClass().add("phase");
        phase.textProperty().bind(Bindings.createStringBinding(() -> live.getPhase().label(), live.phaseProperty()));
        live.phaseProperty().addListener((o, was, now) -> {
            phase.getStyleClass().removeIf(s -> s.startsWith("phase-"));
            phase.getStyleClass().add("phase-" + now.name().toLowerCase(Locale.ROOT));
        });
        Label cores = new Label(Runtime.getRuntime().availableProcessors() + " cores");
        statusBar.getRightItems().setAll(phase, cores);
    }

    /** Adds the Ctrl+R shortcut (F5 and Esc come with the menu items). */
    void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), this::onRun);
    }

    /** Starts the form's run in the Live tab, unless one is going or the form has an error. */
    void onRun() {
        if (live.getPhase().busy()) {
            return;
        }
        runFormController.commit();
        RunSpec spec = form.getSpec();
        if (spec == null) {
            ctx.notifier().error("The form has an error", form.problemProperty().get());
            return;
        }
        tabs.getSelectionModel().select(0);
        ctx.session().start(spec);
    }

    /** Adds an item to the status bar's right side, before the core count. */
    public void addStatusItem(Node item) {
        statusBar.getRightItems().add(statusBar.getRightItems().size() - 1, item);
    }

    /** Adds a tab (for views made elsewhere, such as tuning). */
    public void addTab(String title, Node content) {
        tabs.getTabs().add(new Tab(title, content));
    }

    /** Brings the tab with this title to the front, if there is one. */
    public void selectTab(String title) {
        tabs.getTabs().stream().filter(t -> title.equals(t.getText())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** The Run menu's JFR items. */
    JfrMenu jfrMenu() {
        return menusController.jfrMenu();
    }

    /** The View menu's presenter-mode switch. */
    public CheckMenuItem presenterItem() {
        return menusController.presenterItem();
    }

    /** The presets menu. */
    Menu presetsMenu() {
        return menusController.presetsMenu();
    }

    /** The menus' controller. */
    public MenusController menus() {
        return menusController;
    }

    /** The run form's controller. */
    public RunFormController runForm() {
        return runFormController;
    }

    /** The run bar's controller. */
    public RunBarController runBar() {
        return runBarController;
    }

    /** The Live tab's controller. */
    public LiveChartsController liveCharts() {
        return liveChartsController;
    }

    /** The Workers tab's controller. */
    public WorkersController workers() {
        return workersController;
    }

    /** The history view's controller. */
    public HistoryController history() {
        return historyController;
    }

    /** The live charts' grid, for snapshots. */
    GridPane chartGrid() {
        return liveChartsController.chartGrid();
    }
}
