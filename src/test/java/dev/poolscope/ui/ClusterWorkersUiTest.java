package dev.poolscope.ui;

import dev.poolscope.engine.Run;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunPhase;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
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
import org.testfx.matcher.control.LabeledMatchers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.poolscope.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster run in the dashboard, headless (Monocle): its members are the
 * Workers tab's rows, each with its address and PID, and the kill button
 * (Kill selected member) kills one member's JVM, whose slot gets a new member.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 400, unit = TimeUnit.SECONDS) // member JVMs start in 1-2.5 s idle, a minute or more on a loaded machine
class ClusterWorkersUiTest {
    private static final long WAIT_SECONDS = 300;
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
        Run run = window.dashboard().session().current();
        window.dashboard().close();
        if (run != null) {
            assertTrue(run.state().ended(), "run left going: " + run);
            assertTrue(run.pool().isTerminated(), "pool left alive: " + run.pool());
        }
    }

    private LiveRunModel live() {
        return window.dashboard().live();
    }

    private List<WorkerSnapshot> rows() {
        return fx(() -> live().workerRows().stream().map(r -> r.getSnapshot()).toList());
    }

    @Test
    void clusterRun_showsMembersAsWorkerRows_withAddressAndPid_andKillMemberReplacesOne(FxRobot robot) {
        fx(() -> {
            window.dashboard().form().poolProperty().set("cluster");
            window.dashboard().form().workersProperty().set(2);
            // waiting tasks: the members keep running without taking the cores from the FX thread
            window.dashboard().form().workloadProperty().set("io");
            window.dashboard().form().params().put("millis", "20");
            return null;
        });
        robot.clickOn("#tasksField");
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write("100000");
        robot.type(KeyCode.F5);
        FxWait.waitUntil("two members with PIDs", WAIT_SECONDS, () -> live().getPhase() == RunPhase.RUNNING
                && live().workerRows().stream().filter(w -> w.getSnapshot().pid() > 0).count() == 2);
        List<WorkerSnapshot> members = rows();
        for (WorkerSnapshot w : members) {
            assertTrue(w.label().matches("member-\\d+ 127\\.0\\.0\\.1:\\d+"), "a member row names its address: " + w.label());
            assertTrue(w.pid() != ProcessHandle.current().pid()
                    && ProcessHandle.of(w.pid()).map(ProcessHandle::isAlive).orElse(false), "a member row's PID is its JVM: " + w);
        }
        Set<Long> pids = members.stream().map(WorkerSnapshot::pid).collect(Collectors.toSet());
        robot.clickOn(robot.lookup(".tab-label").match(LabeledMatchers.hasText("Workers")).queryAs(Node.class));
        TableView<?> table = robot.lookup("#workerTable").queryAs(TableView.class);
        robot.clickOn(robot.lookup("#workerTable .table-row-cell").nth(0).queryAs(Node.class));
        FxWait.waitUntil("a selected member", () -> table.getSelectionModel().getSelectedItem() != null);
        long victim = fx(() -> ((dev.poolscope.ui.model.WorkerRow) table.getSelectionModel().getSelectedItem()).getSnapshot().pid());
        Button kill = robot.lookup("#killButton").queryButton();
        assertEquals("Kill selected member", fx(kill::getText));
        FxWait.waitUntil("the kill button enabled", () -> !kill.isDisabled());
        robot.clickOn(kill);
        FxWait.waitUntil("the killed member's JVM gone", WAIT_SECONDS,
                () -> ProcessHandle.of(victim).map(h -> !h.isAlive()).orElse(true));
        FxWait.waitUntil("a new member in the killed one's slot", WAIT_SECONDS, () -> live().workerRows().stream()
                .map(r -> r.getSnapshot()).anyMatch(w -> w.restarts() >= 1 && w.pid() > 0 && !pids.contains(w.pid())));
        String message = fx(() -> ((FxNotifier) window.dashboard().notifier()).lastProperty().get());
        assertTrue(message.contains("PID " + victim), message);
        // looked up on the FX thread: a lookup from this thread walks the scene graph while the live view changes it
        Button stop = fx(() -> robot.lookup("#stopButton").queryButton());
        robot.clickOn(stop);
        FxWait.waitUntil("the run stopped", WAIT_SECONDS, () -> live().getPhase() == RunPhase.STOPPED);
    }
}
