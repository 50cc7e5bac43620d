package dev.poolscope.ui;

import dev.poolscope.engine.RunSpec;
import dev.poolscope.ui.attach.AttachWindow;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunFormModel;
import dev.poolscope.ui.run.RunSession.ExportKind;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;

import java.util.function.Consumer;

/**
 * The window's menus: File (attach, quit), Run (run, stop, reset, JFR),
 * Presets (save the form, then one submenu per stored preset), View
 * (presenter mode, light or dark theme) and Export. Actions that belong to
 * other views are handed in by the shell ({@link #setActions}).
 */
public final class MenusController {
    private final Dashboard ctx;
    private final RunFormModel form;
    private final LiveRunModel live;
    private Actions actions = new Actions(() -> { }, () -> { }, kind -> { });
    private JfrMenu jfrMenu;

    /** What the shell does for the Run item and the export items. */
    record Actions(Runnable run, Runnable exportLivePng, Consumer<ExportKind> exportSelected) {
    }

    @FXML private MenuBar menuBar;
    @FXML private Menu presetsMenu;
    @FXML private MenuItem runItem;
    @FXML private MenuItem stopItem;
    @FXML private MenuItem jfrStartItem;
    @FXML private MenuItem jfrSaveItem;
    @FXML private CheckMenuItem presenterItem;
    @FXML private RadioMenuItem lightThemeItem;
    @FXML private RadioMenuItem darkThemeItem;

    public MenusController(Dashboard ctx) {
        this.ctx = ctx;
        this.form = ctx.form();
        this.live = ctx.live();
    }

    @FXML
    private void initialize() {
        BooleanBinding busy = Bindings.createBooleanBinding(() -> live.getPhase().busy(), live.phaseProperty());
        runItem.disableProperty().bind(form.validProperty().not().or(busy));
        stopItem.disableProperty().bind(busy.not());
        runItem.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        stopItem.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        jfrMenu = new JfrMenu(jfrStartItem, jfrSaveItem, ctx);
        setUpPresets();
    }

    void setActions(Actions actions) {
        this.actions = actions;
    }

    /** Binds the View menu's theme items to the theme (both ways). */
    void bindTheme(ThemeSwitch theme) {
        lightThemeItem.setSelected(theme.getLook() == ThemeSwitch.Look.LIGHT);
        darkThemeItem.setSelected(theme.getLook() == ThemeSwitch.Look.DARK);
        lightThemeItem.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                theme.lookProperty().set(ThemeSwitch.Look.LIGHT);
            }
        });
        darkThemeItem.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                theme.lookProperty().set(ThemeSwitch.Look.DARK);
            }
        });
        theme.lookProperty().addListener((o, was, now) -> (now == ThemeSwitch.Look.DARK ? darkThemeItem : lightThemeItem).setSelected(true));
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

    /** The presets menu. */
    Menu presetsMenu() {
        return presetsMenu;
    }

    /** The Run menu's JFR items. */
    JfrMenu jfrMenu() {
        return jfrMenu;
    }

    /** The View menu's presenter-mode switch. */
    CheckMenuItem presenterItem() {
        return presenterItem;
    }

    /** The View menu's dark-theme item. */
    RadioMenuItem darkThemeItem() {
        return darkThemeItem;
    }

    @FXML
    private void onRun() {
        actions.run().run();
    }

    @FXML
    private void onStop() {
        ctx.session().stop();
    }

    @FXML
    private void onResetForm() {
        form.load(new RunFormModel(form.pools(), form.workloads()).getSpec());
    }

    @FXML
    private void onAttach() {
        AttachWindow.open(menuBar.getScene().getWindow());
    }

    @FXML
    private void onQuit() {
        menuBar.getScene().getWindow().hide();
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
        actions.exportSelected().accept(ExportKind.JSON);
    }

    @FXML
    private void onExportCsv() {
        actions.exportSelected().accept(ExportKind.CSV);
    }

    @FXML
    private void onExportLivePng() {
        actions.exportLivePng().run();
    }
}
