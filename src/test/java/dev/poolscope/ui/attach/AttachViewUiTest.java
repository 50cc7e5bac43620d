package dev.poolscope.ui.attach;

import dev.poolscope.attach.AttachException;
import dev.poolscope.attach.PoolFigures;
import dev.poolscope.attach.TargetConnection;
import dev.poolscope.ui.FxWait;
import dev.poolscope.ui.view.ChartPng;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.poolscope.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The attach view against a real target JVM (the attach tests' {@code PoolTarget}): it lists the target, watches
 * it in deep mode once consent is given, shows the work pool's threads and advice, and renders to
 * {@code target/attach-view.png}.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AttachViewUiTest {
    static final Path SCREENSHOT = Path.of("target", "attach-view.png");
    private static Process target;
    private AttachController controller;
    private Parent root;
    private final AtomicReference<String> askedConsent = new AtomicReference<>();

    @BeforeAll
    static void startTarget() throws Exception {
        Path classes = Path.of(Class.forName("dev.poolscope.attach.PoolTarget").getProtectionDomain().getCodeSource().getLocation().toURI());
        target = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", classes.toString(), "dev.poolscope.attach.PoolTarget").redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(target.getInputStream()));
        String first = r.readLine();
        assertTrue("ready".equals(first), "target did not start: " + first);
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // keep the pipe flowing
                }
            } catch (Exception ignored) {
                // ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopTarget() throws Exception {
        target.destroy();
        assertTrue(target.waitFor(10, TimeUnit.SECONDS), "the target JVM is left running");
    }

    @Start
    void start(Stage stage) {
        FXMLLoader loader = AttachWindow.load();
        controller = loader.getController();
        controller.setConsent(text -> {
            askedConsent.set(text);
            return true;
        });
        root = loader.getRoot();
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(AttachWindow.class.getResource("/dev/poolscope/ui/poolscope.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void detach() {
        controller.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void deepWatch_ofARealTarget_showsItsPoolsThreadsAndAdvice(FxRobot robot) throws Exception {
        try (TargetConnection c = TargetConnection.open(target.pid())) {
            assertTrue(c.feature() > 0);
        } catch (AttachException e) {
            assumeTrue(false, "attaching is impossible on this machine: " + e.getMessage());
        }
        fx(() -> {
            controller.select(target.pid());
            return null;
        });
        robot.clickOn("#deepBox");
        robot.clickOn("#watchButton");
        assertTrue(askedConsent.get() != null && askedConsent.get().contains("JEP 451"), "deep mode asked for consent first");
        TableView<PoolFigures> pools = (TableView<PoolFigures>) root.lookup("#poolTable");
        waitUntil("the work pool with service times", () -> fx(() -> pools.getItems().stream().anyMatch(p ->
                p.threads() != null && p.threads() == 4 && p.service() != null && p.service().count() > 20
                        && p.samples().size() >= 4)));
        fx(() -> {
            pools.getItems().stream().filter(p -> p.threads() == 4 && p.service() != null).findFirst()
                    .ifPresent(p -> pools.getSelectionModel().select(p));
            return null;
        });
        TableView<?> threads = (TableView<?>) root.lookup("#threadTable");
        waitUntil("the work pool's 4 threads", () -> fx(() -> threads.getItems().size() == 4));
        List<String> advice = fx(() -> ((javafx.scene.layout.VBox) root.lookup("#adviceBox")).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList());
        assertFalse(advice.isEmpty(), "advice on the pool's size");
        assertTrue(advice.stream().anyMatch(a -> a.contains("Little's law")), String.valueOf(advice));
        assertFalse(fx(() -> root.lookup("#sizeButton").isDisabled()), "Size it in the lab is offered in deep mode");
        BufferedImage image = fx(() -> ChartPng.snapshot(root));
        Files.createDirectories(SCREENSHOT.getParent());
        ChartPng.write(image, SCREENSHOT);
        assertTrue(ChartPng.hasContent(image, 40), "the screenshot is blank");
    }

    /** Waits half the test's time, so a wait that fails says what it waited for. */
    private static void waitUntil(String what, Callable<Boolean> condition) {
        FxWait.waitUntil(what, 30, condition);
    }
}
