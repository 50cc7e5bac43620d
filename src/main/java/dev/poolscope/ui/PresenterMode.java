package dev.poolscope.ui;

import dev.poolscope.ui.store.ViewSettingsStore;
import dev.poolscope.ui.view.ZoomPane;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

import java.io.IOException;

/**
 * Presenter mode for a classroom: full screen, a high-contrast theme with
 * larger text and thicker chart lines (the {@code presenter} style class), and
 * zoom with Ctrl+plus / Ctrl+minus / Ctrl+0. F11 switches it. Both are
 * remembered in the config directory for the next launch. FX thread only.
 */
public final class PresenterMode {
    /** The zoom presenter mode starts from. */
    public static final double PRESENTER_ZOOM = 1.25;
    private static final double STEP = 0.1;

    private final Stage stage;
    private final ZoomPane zoomPane;
    private final ViewSettingsStore store;
    private final BooleanProperty presenter = new SimpleBooleanProperty(this, "presenter", false);

    public PresenterMode(Stage stage, ZoomPane zoomPane, ViewSettingsStore store) {
        this.stage = stage;
        this.zoomPane = zoomPane;
        this.store = store;
        presenter.addListener((o, was, on) -> apply(on));
        zoomPane.zoomProperty().addListener((o, was, now) -> save());
    }

    /** Applies the remembered settings. */
    public void restore() {
        ViewSettingsStore.Settings s = store.load();
        zoomPane.zoomProperty().set(s.zoom());
        if (s.presenter()) {
            presenter.set(true);
        }
    }

    /** Puts F11 and the zoom keys on the scene. */
    public void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F11), this::toggle);
        for (KeyCode k : new KeyCode[]{KeyCode.PLUS, KeyCode.EQUALS, KeyCode.ADD}) {
            scene.getAccelerators().put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), this::zoomIn);
        }
        for (KeyCode k : new KeyCode[]{KeyCode.MINUS, KeyCode.SUBTRACT}) {
            scene.getAccelerators().put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), this::zoomOut);
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), this::zoomReset);
    }

    /** Presenter mode on or off. */
    public BooleanProperty presenterProperty() {
        return presenter;
    }

    /** Switches presenter mode. */
    public void toggle() {
        presenter.set(!presenter.get());
    }

    public void zoomIn() {
        zoom(zoomPane.zoomProperty().get() + STEP);
    }

    public void zoomOut() {
        zoom(zoomPane.zoomProperty().get() - STEP);
    }

    public void zoomReset() {
        zoom(presenter.get() ? PRESENTER_ZOOM : 1.0);
    }

    /** The current zoom. */
    public double zoom() {
        return zoomPane.zoomProperty().get();
    }

    private void zoom(double z) {
        zoomPane.zoomProperty().set(Math.round(Math.max(0.5, Math.min(3.0, z)) * 100) / 100.0);
    }

    private void apply(boolean on) {
        var classes = zoomPane.content().getStyleClass();
        if (on && !classes.contains("presenter")) {
            classes.add("presenter");
        } else if (!on) {
            classes.remove("presenter");
        }
        if (on && zoomPane.zoomProperty().get() < PRESENTER_ZOOM) {
            zoomPane.zoomProperty().set(PRESENTER_ZOOM);
        } else if (!on && zoomPane.zoomProperty().get() == PRESENTER_ZOOM) {
            zoomPane.zoomProperty().set(1.0);
        }
        if (stage.isFullScreen() != on) {
            stage.setFullScreenExitHint(on ? "Presenter mode: F11 to leave, Ctrl+plus/minus to zoom" : "");
            stage.setFullScreen(on);
        }
        save();
    }

    private void save() {
        try {
            store.save(store.load().withPresenter(presenter.get(), zoomPane.zoomProperty().get()));
        } catch (IOException e) {
            // not worth interrupting a lesson for; the next launch uses the defaults
        }
    }
}
