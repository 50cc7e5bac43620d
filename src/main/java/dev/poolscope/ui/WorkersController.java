package dev.poolscope.ui;

import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.ui.model.Format;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.model.WorkerRow;
import dev.poolscope.ui.model.WorkerText;
import dev.poolscope.ui.view.WorkerControl;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.function.Function;

/** The Workers tab: one row per worker of the run, and killing the selected worker's process. */
public final class WorkersController {
    private final Dashboard ctx;
    private final LiveRunModel live;

    @FXML private Button killButton;
    @FXML private Label killHint;
    @FXML private TableView<WorkerRow> workerTable;

    public WorkersController(Dashboard ctx) {
        this.ctx = ctx;
        this.live = ctx.live();
    }

    @FXML
    private void initialize() {
        setUpWorkers();
    }

    private void setUpWorkers() {
        workerTable.setItems(live.workerRows());
        workerTable.getColumns().setAll(List.of(
                column("Worker", WorkerSnapshot::label),
                column("State", WorkerText::state),
                column("PID", w -> w.pid() < 0 ? "–" : Long.toString(w.pid())),
                column("Tasks", w -> Format.count(w.tasks())),
                column("Restarts", w -> Integer.toString(w.restarts())),
                column("Busy", w -> Format.percent(w.busyFraction())),
                column("CPU", WorkerText::cpu),
                column("Memory", WorkerText::memory),
                column("Start-up", w -> w.startupMillis() < 0 ? "–" : Format.decimal(w.startupMillis(), 1) + " ms")));
        workerTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        workerTable.setPlaceholder(new Label("Workers appear here while a run goes."));
        killButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> live.getPhase() != RunPhase.RUNNING || workerTable.getSelectionModel().getSelectedItem() == null
                        || !ctx.session().canKillWorker(),
                live.phaseProperty(), workerTable.getSelectionModel().selectedItemProperty(), live.workerRows()));
        killButton.textProperty().bind(Bindings.createStringBinding(
                () -> WorkerControl.killLabel(live.specProperty().get() == null ? null : live.specProperty().get().pool()),
                live.specProperty()));
        killHint.textProperty().bind(Bindings.when(live.poolGoneProperty()).then(WorkerText.POOL_GONE).otherwise(WorkerControl.hint()));
    }

    private static TableColumn<WorkerRow, String> column(String title, Function<WorkerSnapshot, String> f) {
        TableColumn<WorkerRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> Bindings.createStringBinding(() -> f.apply(cd.getValue().getSnapshot()),
                cd.getValue().snapshotProperty()));
        c.setSortable(false);
        return c;
    }

    @FXML
    private void onKillWorker() {
        WorkerRow row = workerTable.getSelectionModel().getSelectedItem();
        if (row != null) {
            WorkerSnapshot w = row.getSnapshot();
            ctx.session().killWorker(w, pid -> ctx.notifier().info("Worker killed",
                    pid < 0 ? w.label() + " had no live process" : w.label() + " (PID " + pid + ") was killed; watch its slot restart"));
        }
    }

}
