package dev.poolscope.ui.tuning;

import dev.poolscope.tuning.LessonOutcome;
import dev.poolscope.ui.PoolScopeApp;
import dev.poolscope.ui.view.Dialogs;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Play lesson" in the dashboard: the lesson's runs go through the live view, then appear side by side with each claim checked. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlayLessonTest {
    private PoolScopeApp.Window window;

    @Start
    void start(Stage stage) throws Exception {
        Path config = Files.createTempDirectory("poolscope-play-config");
        Path lessons = Files.createTempDirectory("poolscope-play-lessons");
        Files.writeString(lessons.resolve("tiny.json"), """
                {"id": "tiny", "title": "Tiny", "explanation": "e", "lookFor": ["l"], "question": "Which ran more?",
                 "answer": "A: {A.succeeded} tasks at {A.throughput}; B: {B.succeeded} tasks at {B.throughput}.",
                 "presets": [
                   {"label": "few", "pool": "fixed", "workers": 1, "workload": "cpu:size=2000", "tasks": 40},
                   {"label": "more", "pool": "fixed", "workers": "cores", "workload": "cpu:size=2000", "tasks": 60}],
                 "claims": [
                   {"text": "B ran more tasks ({B.succeeded} against {A.succeeded})", "figure": "B.succeeded", "is": "greaterThan", "than": "A.succeeded"},
                   {"text": "A ran more tasks", "figure": "A.succeeded", "is": "greaterThan", "than": "B.succeeded"}]}
                """);
        System.setProperty("poolscope.lessons.dir", lessons.toString());
        Dialogs none = new Dialogs() {
            @Override public Optional<Path> saveFile(String t, String n, String e) { return Optional.empty(); }
            @Override public Optional<String> askText(String t, String q, String s) { return Optional.empty(); }
        };
        window = PoolScopeApp.open(stage, config, none);
        stage.show();
    }

    @AfterEach
    void close() {
        System.clearProperty("poolscope.lessons.dir");
        window.sweep().model().cancel();
        window.dashboard().close();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void playLesson_runsBothRunsThroughTheLiveView_thenShowsThemSideBySideWithClaimsChecked(FxRobot robot) throws Exception {
        robot.interact(() -> {
            TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
            tabs.getTabs().stream().filter(t -> t.getText().equals("Lessons")).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
            ListView<?> list = robot.lookup("#lessonList").queryAs(ListView.class);
            list.getSelectionModel().select(list.getItems().size() - 1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#playLesson");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> fx(() -> window.lessons().outcome("tiny") != null));
        WaitForAsyncUtils.waitForFxEvents();
        LessonOutcome o = fx(() -> window.lessons().outcome("tiny"));
        assertEquals(2, o.runs().size());
        assertTrue(o.runs().stream().allMatch(r -> r.ran()), o.runs().toString());
        assertEquals(3, fx(() -> window.dashboard().history().runs().size()), "the warm-up and both runs went through the session into History");
        assertEquals("Lessons", fx(() -> robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText()));
        assertEquals("Held", fx(() -> robot.lookup("#claim-0-verdict").queryAs(Label.class).getText()));
        assertEquals("Not held", fx(() -> robot.lookup("#claim-1-verdict").queryAs(Label.class).getText()));
        assertTrue(fx(() -> robot.lookup("#claim-1-reason").queryAs(Label.class).getText()).startsWith("Likely reason: "));
        assertTrue(fx(() -> robot.lookup("#outcomeSummary").queryAs(Label.class).getText()).contains("1 of 2 claims held"));
        String answer = fx(() -> robot.lookup("#outcomeAnswer").queryAs(Label.class).getText());
        assertTrue(answer.startsWith("A: 40 tasks at ") && answer.contains("B: 60 tasks at ") && answer.contains("tasks/s"), answer);
        assertEquals(2, (int) fx(() -> robot.lookup("#outcomeThroughput").queryAs(javafx.scene.chart.LineChart.class).getData().size()));
    }
}
