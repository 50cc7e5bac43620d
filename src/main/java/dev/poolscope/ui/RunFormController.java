package dev.poolscope.ui;

import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.ui.model.ArrivalKind;
import dev.poolscope.ui.model.FormField;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunFormModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.view.ParamItem;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.tools.ValueExtractor;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

import java.util.List;
import java.util.function.Predicate;

/**
 * The run form: binds each field to the {@link RunFormModel}, marks the fields
 * the model finds wrong, rebuilds the workload's parameter sheet, and resizes
 * the pool when the worker count changes during a run.
 */
public final class RunFormController {
    private final Dashboard ctx;
    private final RunFormModel form;
    private final LiveRunModel live;
    private ValidationSupport validation;
    private ObjectProperty<Integer> workersObject;
    private boolean syncingSlider;

    @FXML private VBox formBox;
    @FXML private ComboBox<String> poolBox;
    @FXML private Spinner<Integer> workersSpinner;
    @FXML private Slider workersSlider;
    @FXML private TextField queueField;
    @FXML private ComboBox<RejectionPolicy> rejectionBox;
    @FXML private ComboBox<dev.poolscope.pool.QueueOrder> queueOrderBox;
    @FXML private ComboBox<String> workloadBox;
    @FXML private TextField tasksField;
    @FXML private ComboBox<ArrivalKind> arrivalBox;
    @FXML private TextField rateField;
    @FXML private TextField seedField;
    @FXML private TextField timeoutField;
    @FXML private Label workloadDescription;
    @FXML private StackPane paramsHolder;
    @FXML private Label problemLabel;

    private final PropertySheet paramSheet = new PropertySheet();
    private final BooleanProperty sheetEditing = new SimpleBooleanProperty();

    public RunFormController(Dashboard ctx) {
        this.ctx = ctx;
        this.form = ctx.form();
        this.live = ctx.live();
    }

    @FXML
    private void initialize() {
        setUpForm();
        setUpValidation();
    }

    /** Takes a worker count typed but not yet confirmed in the spinner (an unparsable one keeps the old value). */
    public void commit() {
        try {
            workersSpinner.commitValue();
        } catch (RuntimeException ignored) {
            // the converter keeps the old value
        }
    }

    /** The form's fields, for views that add a field of their own. */
    public VBox formBox() {
        return formBox;
    }

    private BooleanBinding busy() {
        return Bindings.createBooleanBinding(() -> live.getPhase().busy(), live.phaseProperty());
    }

    private void setUpForm() {
        BooleanBinding busy = busy();
        poolBox.getItems().setAll(form.pools().names());
        poolBox.valueProperty().bindBidirectional(form.poolProperty());
        poolBox.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty || name == null ? null
                        : name + "  —  " + form.pools().find(name).map(k -> k.description()).orElse(""));
            }
        });

        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, Math.max(1, form.maxWorkersProperty().get()), form.workersProperty().get());
        factory.maxProperty().bind(form.maxWorkersProperty());
        factory.setConverter(new StringConverter<>() {
            @Override public String toString(Integer v) { return v == null ? "" : v.toString(); }
            @Override public Integer fromString(String s) {
                try {
                    return Integer.valueOf(s.trim());
                } catch (NumberFormatException e) {
                    return factory.getValue(); // an unparsable entry keeps the old value
                }
            }
        });
        workersSpinner.setValueFactory(factory);
        workersObject = form.workersProperty().asObject();
        factory.valueProperty().bindBidirectional(workersObject);
        workersSlider.maxProperty().bind(Bindings.createDoubleBinding(
                () -> (double) Math.min(form.maxWorkersProperty().get(), 32), form.maxWorkersProperty()));
        workersSlider.setValue(form.workersProperty().get());
        workersSlider.valueProperty().addListener((o, was, now) -> {
            if (!syncingSlider && !workersSlider.isValueChanging()) {
                form.workersProperty().set((int) Math.round(now.doubleValue()));
            }
        });
        workersSlider.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                form.workersProperty().set((int) Math.round(workersSlider.getValue()));
            }
        });
        form.workersProperty().addListener((o, was, now) -> {
            syncingSlider = true;
            workersSlider.setValue(now.intValue());
            syncingSlider = false;
            if (live.getPhase() == RunPhase.RUNNING && form.errorFor(FormField.WORKERS) == null) {
                ctx.session().resize(now.intValue());
            }
        });
        Tooltip.install(workersSpinner, new Tooltip("Change it during a run to resize the pool live"));

        queueField.textProperty().bindBidirectional(form.queueCapacityProperty());
        rejectionBox.getItems().setAll(RejectionPolicy.values());
        rejectionBox.valueProperty().bindBidirectional(form.rejectionProperty());
        rejectionBox.disableProperty().bind(busy.or(Bindings.createBooleanBinding(() -> {
            String q = form.queueCapacityProperty().get();
            return q == null || q.isBlank() || q.trim().equalsIgnoreCase(RunFormModel.UNBOUNDED);
        }, form.queueCapacityProperty())));

        workloadBox.getItems().setAll(form.workloads().names());
        workloadBox.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty || name == null ? null
                        : name + "  —  " + form.workloads().find(name).map(w -> w.description()).orElse(""));
            }
        });
        workloadBox.valueProperty().bindBidirectional(form.workloadProperty());
        tasksField.textProperty().bindBidirectional(form.tasksProperty());
        arrivalBox.getItems().setAll(ArrivalKind.values());
        arrivalBox.valueProperty().bindBidirectional(form.arrivalProperty());
        rateField.textProperty().bindBidirectional(form.rateProperty());
        rateField.disableProperty().bind(busy.or(form.arrivalProperty().isEqualTo(ArrivalKind.ALL_AT_ONCE)));
        seedField.textProperty().bindBidirectional(form.seedProperty());
        queueOrderBox.getItems().setAll(dev.poolscope.pool.QueueOrder.values());
        queueOrderBox.valueProperty().bindBidirectional(form.queueOrderProperty());
        queueOrderBox.disableProperty().bind(busy);
        timeoutField.textProperty().bindBidirectional(form.taskTimeoutProperty());
        for (Control c : List.of(poolBox, queueField, workloadBox, tasksField, arrivalBox, seedField, timeoutField, paramSheet)) {
            c.disableProperty().bind(busy);
        }

        paramSheet.setModeSwitcherVisible(false);
        paramSheet.setSearchBoxVisible(false);
        paramSheet.setMode(PropertySheet.Mode.NAME);
        paramsHolder.getChildren().add(paramSheet);
        // rebuild once after a bulk change (a workload switch clears and refills the map), never in the middle of it
        form.workloadProperty().addListener((o, was, now) -> scheduleParamsRebuild());
        form.params().addListener((MapChangeListener<String, String>) c -> {
            if (!sheetEditing.get()) {
                scheduleParamsRebuild(); // a preset or an earlier run was loaded
            }
        });
        rebuildParams();
        problemLabel.textProperty().bind(form.problemProperty());
    }

    private boolean paramsRebuildPending;

    private void scheduleParamsRebuild() {
        if (!paramsRebuildPending) {
            paramsRebuildPending = true;
            Platform.runLater(() -> {
                paramsRebuildPending = false;
                rebuildParams();
            });
        }
    }

    private void rebuildParams() {
        var wl = form.workloads().find(form.workloadProperty().get());
        workloadDescription.setText(wl.map(w -> w.description() + (w.requiresProcess() ? " (process pools only)" : "")).orElse(""));
        paramSheet.getItems().setAll(wl.map(w -> w.params().stream()
                .map(p -> (PropertySheet.Item) new ParamItem(p, form.params(), sheetEditing)).toList()).orElse(List.of()));
    }

    private void setUpValidation() {
        validation = new ValidationSupport();
        ValueExtractor.addObservableValueExtractor(c -> c instanceof PropertySheet, c -> form.errorsProperty());
        validate(poolBox, FormField.POOL, m -> true);
        validate(workersSpinner, FormField.WORKERS, m -> true);
        validate(queueField, FormField.QUEUE_CAPACITY, m -> true);
        validate(rejectionBox, FormField.REJECTION, m -> true);
        validate(workloadBox, FormField.WORKLOAD, m -> !m.startsWith("parameter"));
        validate(paramSheet, FormField.WORKLOAD, m -> m.startsWith("parameter") || m.startsWith("unknown parameter"));
        validate(tasksField, FormField.TASKS, m -> true);
        validate(rateField, FormField.RATE, m -> true);
        validate(seedField, FormField.SEED, m -> true);
        validate(timeoutField, FormField.TASK_TIMEOUT, m -> true);
        validate(queueOrderBox, FormField.QUEUE_ORDER, m -> true);
        form.errorsProperty().addListener((o, was, now) -> validation.revalidate());
    }

    private void validate(Control c, FormField field, Predicate<String> mine) {
        validation.registerValidator(c, false, (Control ctl, Object value) -> {
            String m = form.errorFor(field);
            boolean bad = m != null && mine.test(m);
            return ValidationResult.fromErrorIf(ctl, bad ? RunFormModel.label(field) + ": " + m : "", bad);
        });
    }

}
