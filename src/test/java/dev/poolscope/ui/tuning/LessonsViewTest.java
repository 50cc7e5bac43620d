package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.tuning.Lesson;
import dev.poolscope.tuning.LessonLibrary;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lessons view headless: walk every lesson, run a preset through the callback, run the demo. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LessonsViewTest {
    private final List<RunSpec> started = new CopyOnWriteArrayList<>();
    private final LessonLibrary library = LessonLibrary.load(Path.of("no-such-dir"));

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new LessonsView(RunEngine.standard(), library, started::add), 1100, 750));
        stage.show();
    }

    @Test
    void next_walksThroughEveryLesson(FxRobot robot) {
        for (int i = 0; i < library.lessons().size(); i++) {
            Lesson expected = library.lessons().get(i);
            assertEquals(expected.title(), robot.lookup("#lessonTitle").queryLabeled().getText());
            assertEquals(expected.question(), robot.lookup("#lessonQuestion").queryLabeled().getText());
            Button next = robot.lookup("#lessonNext").queryButton();
            if (i < library.lessons().size() - 1) {
                robot.clickOn(next);
                WaitForAsyncUtils.waitForFxEvents();
            } else {
                assertTrue(next.isDisabled());
            }
        }
    }

    @Test
    void presetButton_handsItsRunToTheCallback(FxRobot robot) {
        robot.clickOn("#preset-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, started.size());
        RunSpec expected = library.lessons().get(0).presets().get(1).toRunSpec();
        assertEquals(expected, started.get(0));
    }

    @Test
    void unavailablePreset_isDisabled_withTheReason(FxRobot robot) {
        int idx = indexOf("threads-vs-processes");
        robot.interact(() -> robot.lookup("#lessonList").queryListView().getSelectionModel().select(idx));
        WaitForAsyncUtils.waitForFxEvents();
        Button process = robot.lookup("#preset-1").queryButton();
        boolean hasProcessKind = RunEngine.standard().pools().find("process").isPresent();
        assertEquals(!hasProcessKind, process.isDisabled());
        assertFalse(robot.lookup("#preset-0").queryButton().isDisabled());
    }

    @Test
    void demo_runsOffTheFxThread_andShowsItsFindings(FxRobot robot) throws Exception {
        int idx = indexOf("tutorial-bugs");
        robot.interact(() -> robot.lookup("#lessonList").queryListView().getSelectionModel().select(idx));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#runDemo");
        TextArea out = robot.lookup("#demoOutput").queryAs(TextArea.class);
        java.util.concurrent.Callable<String> text = out::getText;
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(text).get().contains("3. Busy waiting"));
    }

    private int indexOf(String id) {
        for (int i = 0; i < library.lessons().size(); i++) {
            if (library.lessons().get(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no lesson " + id);
    }
}
