package dev.poolscope.ui;

import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.store.ViewSettingsStore;
import dev.poolscope.ui.view.ChartPng;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.poolscope.ui.DashboardUiTest.fx;
import static dev.poolscope.ui.DashboardUiTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presenter mode: F11 switches the high-contrast theme and zoom, Ctrl+plus
 * zooms, and both are remembered. Renders it after a short run to
 * {@code target/presenter.png} (with {@code -Dpoolscope.updateScreenshot=true}
 * to {@code assets/presenter.png}).
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PresenterModeTest {
    static final Path SCREENSHOT = Boolean.getBoolean("poolscope.updateScreenshot")
            ? Path.of("assets", "presenter.png") : Path.of("target", "presenter.png");

    @TempDir
    Path configDir;
    private PoolScopeApp.Window window;

    @Start
    void start(Stage stage) {
        window = PoolScopeApp.open(stage, configDir, new FakeDialogs());
        stage.show();
    }

    @AfterEach
    void stopEverything() {
        window.dashboard().close();
    }

    @Test
    void f11_switchesPresenterMode_zoomFollowsCtrlPlus_andBothAreRemembered(FxRobot robot) throws Exception {
        assertFalse(fx(() -> window.presenter().presenterProperty().get()));
        robot.type(KeyCode.F11);
        waitUntil("presenter mode", () -> window.presenter().presenterProperty().get());
        assertTrue(fx(() -> window.controller().presenterItem().isSelected()), "the View menu follows");
        assertTrue(fx(() -> window.scene().lookup(".presenter") != null), "the high-contrast theme is on");
        assertEquals(PresenterMode.PRESENTER_ZOOM, fx(() -> window.presenter().zoom()), 1e-9);
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        waitUntil("zoomed in", () -> window.presenter().zoom() > PresenterMode.PRESENTER_ZOOM);
        ViewSettingsStore.Settings stored = new ViewSettingsStore(configDir).load();
        assertTrue(stored.presenter());
        assertEquals(fx(() -> window.presenter().zoom()), stored.zoom(), 1e-9);

        fx(() -> {
            window.dashboard().form().tasksProperty().set("1500");
            window.dashboard().form().params().put("size", "40000");
            window.presenter().zoomReset();
            return null;
        });
        robot.type(KeyCode.F5);
        waitUntil("the run's end", () -> window.dashboard().live().getPhase() == RunPhase.COMPLETED);
        BufferedImage image = fx(() -> ChartPng.snapshot(window.scene().getRoot()));
        Files.createDirectories(SCREENSHOT.getParent());
        ChartPng.write(image, SCREENSHOT);
        BufferedImage back = ImageIO.read(SCREENSHOT.toFile());
        assertTrue(ChartPng.hasContent(back, 40), "the screenshot is blank");
        int dark = 0;
        for (int x = 0; x < back.getWidth(); x += 16) {
            for (int y = 0; y < back.getHeight(); y += 16) {
                int rgb = back.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 90) {
                    dark++;
                }
            }
        }
        int samples = (back.getWidth() / 16 + 1) * (back.getHeight() / 16 + 1);
        assertTrue(dark > samples / 3, "a dark high-contrast background: " + dark + " of " + samples);

        robot.type(KeyCode.F11);
        waitUntil("presenter mode off", () -> !window.presenter().presenterProperty().get());
        assertFalse(new ViewSettingsStore(configDir).load().presenter());
    }
}
