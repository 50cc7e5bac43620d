package dev.poolscope.ui;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.ui.model.HistoryModel;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunFormModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.run.EngineSetup;
import dev.poolscope.ui.run.OwnCpu;
import dev.poolscope.ui.view.OwnCostLabel;
import dev.poolscope.ui.run.RunSession;
import dev.poolscope.ui.store.ConfigDir;
import dev.poolscope.ui.tuning.AdvicePane;
import dev.poolscope.ui.store.ViewSettingsStore;
import dev.poolscope.ui.tuning.LessonPlayer;
import dev.poolscope.ui.view.ZoomPane;
import dev.poolscope.ui.tuning.LessonsView;
import dev.poolscope.ui.tuning.SweepView;
import dev.poolscope.ui.view.Dialogs;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.Image;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/** The PoolScope dashboard application. */
public class PoolScopeApp extends Application {
    /** The window title's start. */
    public static final String TITLE = "PoolScope";

    /** What {@link #launch(DashboardLaunch)} hands to the instance the toolkit makes (one launch per JVM). */
    private static volatile Startup startup;

    private Window window;

    /** Why no window can open here, or null if one can (or we cannot tell). */
    public static String noDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        boolean headlessPlatform = System.getProperty("glass.platform") != null;
        if (linux && !headlessPlatform && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"))) {
            return "no display to open the dashboard on (DISPLAY is not set); run it on a desktop or under Xvfb,"
                    + " or use the command line: poolscope run --help";
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Launches the dashboard (called by {@code dev.poolscope.Main} with no arguments). Blocks until it closes. */
    public static void launchApp(String[] args) {
        launch(DashboardLaunch.PLAIN);
    }

    /**
     * Launches the dashboard and blocks until it closes. Runs execute in an
     * engine host started first, at this process's priority; then this
     * process lowers its own threads' priority (see {@link EngineSetup}).
     *
     * @return null if the window closed normally (after a scripted run that ended well), else what went wrong
     */
    public static String launch(DashboardLaunch options) {
        return launch(options, new LaunchTimings());
    }

    /** As {@link #launch(DashboardLaunch)}, filling in how long the window and the first task took. */
    public static String launch(DashboardLaunch options, LaunchTimings timings) {
        Startup s = new Startup(options, EngineSetup.start(), timings);
        startup = s;
        Application.launch(PoolScopeApp.class);
        return s.problem;
    }

    @Override
    public void start(Stage stage) {
        Startup s = startup != null ? startup : new Startup(DashboardLaunch.PLAIN, EngineSetup.start(), new LaunchTimings());
        startup = s;
        window = open(stage, ConfigDir.resolve(), null, s.engine);
        Scene scene = window.scene();
        Runnable[] firstFrame = new Runnable[1];
        firstFrame[0] = () -> {
            scene.removePostLayoutPulseListener(firstFrame[0]);
            s.timings.windowShown();
            Platform.runLater(() -> {
                // start-up and the first frame ran at normal priority; from now on the engine host's runs come first
                s.engine.lowerNewThreads();
                if (s.options.scripted()) {
                    new ScriptedLaunch(window, s.options, stage, problem -> s.problem = problem, s.timings).apply();
                }
            });
        };
        scene.addPostLayoutPulseListener(firstFrame[0]);
        stage.show();
    }

    /** One launch's settings and outcome. */
    private static final class Startup {
        final DashboardLaunch options;
        final EngineSetup engine;
        final LaunchTimings timings;
        volatile String problem;

        Startup(DashboardLaunch options, EngineSetup engine, LaunchTimings timings) {
            this.options = options;
            this.engine = engine;
            this.timings = timings;
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.sweep().model().cancel();
            window.dashboard().close();
        }
    }

    /**
     * A dashboard window in a stage, with everything made for it.
     *
     * @param dashboard models and services
     * @param controller the main view's controller
     * @param scene the scene
     * @param sweep the Sweep tab
     * @param lessons the Lessons tab
     * @param presenter presenter mode and zoom
     * @param theme the light or dark theme
     */
    public record Window(Dashboard dashboard, MainController controller, Scene scene, SweepView sweep, LessonsView lessons,
                         PresenterMode presenter, ThemeSwitch theme) {
    }

    /** Makes a view's controller: each view's controller takes the window's {@link Dashboard}. */
    private static Object controller(Class<?> type, Dashboard ctx) {
        if (!type.getPackageName().startsWith("dev.poolscope.ui")) {
            throw new IllegalArgumentException("no controller " + type);
        }
        try {
            return type.getConstructor(Dashboard.class).newInstance(ctx);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no controller " + type + " taking the dashboard", e);
        }
    }

    /**
     * Builds the dashboard in the stage (not shown yet) and starts loading history and presets.
     *
     * @param configDir where history and presets live
     * @param dialogs how to ask the user; null for real dialogs
     */
    public static Window open(Stage stage, Path configDir, Dialogs dialogs) {
        return open(stage, configDir, dialogs, EngineSetup.inProcess());
    }

    /**
     * Builds the dashboard in the stage with runs on the given engine (an engine host or this JVM).
     *
     * @param configDir where history and presets live
     * @param dialogs how to ask the user; null for real dialogs
     * @param where where runs execute and how this process's priority stands; the window closes it
     */
    public static Window open(Stage stage, Path configDir, Dialogs dialogs, EngineSetup where) {
        RunEngine engine = RunEngine.standard();
        FxNotifier notifier = new FxNotifier(() -> stage);
        LiveRunModel live = new LiveRunModel(Runtime.getRuntime().availableProcessors());
        HistoryModel history = new HistoryModel();
        RunSession session = new RunSession(where.backend(), live, history, configDir, fx(), notifier);
        Dashboard ctx = new Dashboard(engine, new RunFormModel(engine.pools(), engine.workloads()), live, history,
                session, notifier, dialogs != null ? dialogs : new StageDialogs(stage));
        FXMLLoader loader = new FXMLLoader(PoolScopeApp.class.getResource("MainView.fxml"));
        loader.setControllerFactory(type -> controller(type, ctx)); // the main view and every view it includes
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MainController controller = loader.getController();
        controller.addStatusItem(new dev.poolscope.ui.view.ErrorsLink(live.lastReportProperty()));
        controller.addStatusItem(new OwnCostLabel(live.phaseProperty(), new OwnCpu(), where::problem, where.backend().describe()));
        live.phaseProperty().addListener((o, was, now) -> {
            if (now == RunPhase.RUNNING) {
                session.onIo("Lowering the dashboard's priority", where::lowerNewThreads); // threads made since
            }
        });
        // fit the screen (a window larger than a headless screen also breaks its frame buffer)
        var bounds = javafx.stage.Screen.getPrimary().getVisualBounds();
        ZoomPane zoom = new ZoomPane(root);
        Scene scene = new Scene(zoom, Math.min(1360, bounds.getWidth()), Math.min(860, bounds.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(PoolScopeApp.class.getResource("poolscope.css")).toExternalForm());
        scene.getStylesheets().add(Objects.requireNonNull(PoolScopeApp.class.getResource("presenter.css")).toExternalForm());
        controller.installShortcuts(scene);
        ThemeSwitch theme = new ThemeSwitch(root, new ViewSettingsStore(configDir));
        controller.menus().bindTheme(theme);
        PresenterMode presenter = new PresenterMode(stage, zoom, new ViewSettingsStore(configDir));
        presenter.installShortcuts(scene);
        controller.presenterItem().selectedProperty().bindBidirectional(presenter.presenterProperty());
        stage.setScene(scene);
        stage.setTitle(TITLE + " — thread and process pool lab");
        for (int size : new int[]{16, 32, 64, 256}) {
            try (InputStream in = PoolScopeApp.class.getResourceAsStream("icon-" + size + ".png")) {
                if (in != null) {
                    stage.getIcons().add(new Image(in));
                }
            } catch (IOException ignored) {
                // an icon is not worth failing for
            }
        }
        // tuning and teaching tabs: their buttons load a run into the form
        SweepView sweep = new SweepView(engine, ctx.form()::load);
        LessonsView lessons = new LessonsView(engine, ctx.form()::load);
        lessons.setPlayer(new LessonPlayer(engine, session, live, () -> controller.selectTab("Live")),
                () -> controller.selectTab("Lessons"));
        AdvicePane advice = new AdvicePane();
        live.lastReportProperty().addListener((o, was, now) -> {
            if (now != null) {
                advice.show(now);
            }
        });
        ScrollPane adviceScroll = new ScrollPane(advice);
        adviceScroll.setFitToWidth(true);
        controller.addTab("Advice", adviceScroll);
        controller.addTab("Sweep", sweep);
        controller.addTab("Lessons", lessons);
        stage.setOnHidden(e -> {
            sweep.model().cancel();
            ctx.close();
        });
        session.loadStored();
        theme.restore();
        presenter.restore();
        return new Window(ctx, controller, scene, sweep, lessons, presenter, theme);
    }

    private static Executor fx() {
        return r -> {
            try {
                Platform.runLater(r);
            } catch (IllegalStateException toolkitGone) {
                // the window has closed; nothing left to update
            }
        };
    }

    /** File and text dialogs over the stage. */
    private record StageDialogs(Stage owner) implements Dialogs {
        @Override
        public Optional<Path> saveFile(String title, String suggestedName, String extension) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(suggestedName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase() + " files", "*." + extension));
            return Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
        }

        @Override
        public Optional<String> askText(String title, String question, String suggestion) {
            TextInputDialog d = new TextInputDialog(suggestion);
            d.initOwner(owner);
            d.setTitle(title);
            d.setHeaderText(question);
            return d.showAndWait();
        }
    }
}
