package dev.poolscope.ui;

import dev.poolscope.ui.model.RunPhase;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the main window after a short run to {@code target/dashboard.png},
 * then the same window in the dark theme ({@code dashboard-dark.png}) and in
 * presenter mode ({@code dashboard-presenter.png}); with
 * {@code -Dpoolscope.updateScreenshot=true} into {@code assets/}, the README's
 * screenshots (so a plain {@code mvn verify} leaves tracked files alone).
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardScreenshotTest {
    static final Path SCREENSHOT = Boolean.getBoolean("poolscope.updateScreenshot")
            ? Path.of("assets", "dashboard.png") : Path.of("target", "dashboard.png");

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
    void mainWindow_afterAShortRun_isRenderedForTheReadme(FxRobot robot) throws Exception {
        fx(() -> {
            window.dashboard().form().tasksProperty().set("1500");
            window.dashboard().form().params().put("size", "40000");
            return null;
        });
        robot.type(KeyCode.F5);
        waitUntil("the run's end", () -> window.dashboard().live().getPhase() == RunPhase.COMPLETED);
        BufferedImage image = fx(() -> ChartPng.snapshot(window.scene().getRoot()));
        Files.createDirectories(SCREENSHOT.getParent());
        ChartPng.write(image, SCREENSHOT);
        BufferedImage back = ImageIO.read(SCREENSHOT.toFile());
        assertTrue(back.getWidth() >= 1000 && back.getHeight() >= 600, back.getWidth() + "x" + back.getHeight());
        assertTrue(ChartPng.hasContent(back, 40), "the screenshot is blank");

        // the same window in the dark theme, then in presenter mode on top of it
        fx(() -> {
            window.theme().lookProperty().set(ThemeSwitch.Look.DARK);
            return null;
        });
        shoot("dashboard-dark.png");
        fx(() -> {
            window.presenter().presenterProperty().set(true);
            window.presenter().zoomReset();
            return null;
        });
        waitUntil("presenter mode", () -> window.scene().lookup(".presenter") != null);
        shoot("dashboard-presenter.png");
    }

    private void shoot(String name) throws Exception {
        Path file = SCREENSHOT.resolveSibling(name);
        BufferedImage image = fx(() -> {
            window.scene().getRoot().applyCss();
            window.scene().getRoot().layout();
            return ChartPng.snapshot(window.scene().getRoot());
        });
        ChartPng.write(image, file);
        assertTrue(ChartPng.hasContent(ImageIO.read(file.toFile()), 40), name + " is blank");
    }
}
