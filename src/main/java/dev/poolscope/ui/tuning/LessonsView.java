package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.tuning.Lesson;
import dev.poolscope.tuning.LessonLibrary;
import dev.poolscope.tuning.LessonOutcome;
import dev.poolscope.tuning.LessonPreset;
import dev.poolscope.tuning.PresetCheck;
import dev.poolscope.tuning.TutorialDemos;
import dev.poolscope.ui.view.FxmlView;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Lessons view ({@code LessonsView.fxml}): the list of lessons on the left;
 * on the right the chosen lesson's explanation, what to look for, its question
 * (and a collapsed answer for teachers), a button per preset run that hands the
 * run to the callback, and a button for its built-in demo, which runs on its
 * own thread. Presets needing a pool kind or workload this build lacks are
 * shown disabled with the reason. Previous/Next walk through every lesson. With
 * a {@link LessonPlayer}, "Play lesson" runs all of a lesson's runs and shows
 * their outcome ({@link LessonOutcomeView}).
 */
public final class LessonsView extends BorderPane {
    private final RunEngine engine;
    private final Consumer<RunSpec> runPreset;
    private final Map<String, LessonOutcome> outcomes = new HashMap<>();
    private LessonPlayer player;
    private Runnable showSelf = () -> { };
    private Lesson shown;

    @FXML private ListView<Lesson> lessonList;
    @FXML private Label lessonProblems;
    @FXML private VBox lessonDetail;
    @FXML private Label lessonTitle;
    @FXML private Label lessonExplanation;
    @FXML private VBox lookForBox;
    @FXML private Label lessonQuestion;
    @FXML private VBox runsSection;
    @FXML private VBox presetRows;
    @FXML private VBox playSection;
    @FXML private Button playLesson;
    @FXML private Button stopLesson;
    @FXML private Label lessonPlayStatus;
    @FXML private VBox outcomeHolder;
    @FXML private VBox demoSection;
    @FXML private Button runDemo;
    @FXML private TextArea demoOutput;
    @FXML private TitledPane lessonAnswer;
    @FXML private Label lessonAnswerText;
    @FXML private Button lessonPrevious;
    @FXML private Button lessonNext;

    /**
     * A view of the built-in lessons and the user's lesson directory.
     *
     * @param runPreset receives a preset's run when its button is clicked (on the FX thread)
     */
    public LessonsView(RunEngine engine, Consumer<RunSpec> runPreset) {
        this(engine, LessonLibrary.load(), runPreset);
    }

    /** A view of the given lessons. */
    public LessonsView(RunEngine engine, LessonLibrary library, Consumer<RunSpec> runPreset) {
        this.engine = engine;
        this.runPreset = runPreset;
        FxmlView.load(this, "LessonsView.fxml");
        getStylesheets().add(LessonsView.class.getResource("/dev/poolscope/ui/presenter.css").toExternalForm()); // wins over tuning.css

        lessonList.getItems().setAll(library.lessons());
        lessonList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Lesson l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : (getIndex() + 1) + ". " + l.title());
            }
        });
        lessonList.getSelectionModel().selectedItemProperty().addListener((obs, old, l) -> show(l));
        if (!library.problems().isEmpty()) {
            lessonProblems.setText("Skipped lesson files:\n" + String.join("\n", library.problems()));
            visible(lessonProblems, true);
        }
        if (!lessonList.getItems().isEmpty()) {
            lessonList.getSelectionModel().select(0);
        } else {
            show(null);
        }
    }

    /**
     * Adds "Play lesson": the player runs the lesson's runs in the live view, then
     * {@code showSelf} brings this view back with the runs side by side.
     */
    public void setPlayer(LessonPlayer player, Runnable showSelf) {
        this.player = player;
        this.showSelf = showSelf;
        playLesson.disableProperty().bind(player.playingProperty());
        stopLesson.disableProperty().bind(player.playingProperty().not());
        lessonPlayStatus.textProperty().bind(player.statusProperty());
        show(shown);
    }

    /** Plays the lesson shown; false if nothing started (no player, or a run is going). */
    public boolean playShown() {
        if (player == null || shown == null) {
            return false;
        }
        Lesson l = shown;
        return player.play(l, outcome -> {
            outcomes.put(l.id(), outcome);
            showSelf.run();
            if (shown == l) {
                show(l);
            }
        });
    }

    /** The last outcome of the lesson with this id played in this window, or null. */
    public LessonOutcome outcome(String id) {
        return outcomes.get(id);
    }

    /** Selects the lesson at {@code index}. */
    public void select(int index) {
        lessonList.getSelectionModel().select(index);
    }

    @FXML
    private void onPrevious() {
        lessonList.getSelectionModel().selectPrevious();
    }

    @FXML
    private void onNext() {
        lessonList.getSelectionModel().selectNext();
    }

    @FXML
    private void onPlay() {
        playShown();
    }

    @FXML
    private void onStopLesson() {
        if (player != null) {
            player.stop();
        }
    }

    @FXML
    private void onRunDemo() {
        Lesson l = shown;
        if (l == null || l.demo() == null) {
            return;
        }
        runDemo.setDisable(true);
        demoOutput.setText("Running...");
        Thread.ofPlatform().daemon(true).name("poolscope-demo").start(() -> {
            String text;
            try {
                text = String.join("\n", TutorialDemos.run(l.demo()).lines());
            } catch (Exception ex) {
                text = "The demo failed: " + ex.getMessage();
            }
            String result = text;
            Platform.runLater(() -> {
                if (shown == l) {
                    demoOutput.setText(result);
                }
                runDemo.setDisable(false);
            });
        });
    }

    private void show(Lesson l) {
        shown = l;
        visible(lessonDetail, l != null);
        if (l == null) {
            lessonPrevious.setDisable(true);
            lessonNext.setDisable(true);
            return;
        }
        lessonTitle.setText(l.title());
        lessonExplanation.setText(l.explanation());
        lookForBox.getChildren().setAll(l.lookFor().stream().map(s -> (Node) wrapped("\u2022 " + s)).toList());
        lessonQuestion.setText(l.question());

        presetRows.getChildren().clear();
        for (int i = 0; i < l.presets().size(); i++) {
            presetRows.getChildren().add(presetRow(l.presets().get(i), i));
        }
        visible(runsSection, !l.presets().isEmpty());

        visible(playSection, player != null && !l.presets().isEmpty());
        LessonOutcome o = outcomes.get(l.id());
        outcomeHolder.getChildren().setAll(o == null ? List.of() : java.util.List.of(new LessonOutcomeView(o)));

        visible(demoSection, l.demo() != null);
        demoOutput.clear();

        visible(lessonAnswer, l.answer() != null);
        if (l.answer() != null) {
            String text = o != null && o.answer() != null ? o.answer()
                    : l.answer() + (l.answer().contains("{") ? "\n\n(Play lesson fills in the {...} figures from this machine.)" : "");
            lessonAnswerText.setText(text);
            lessonAnswer.setExpanded(false);
        }

        int index = lessonList.getSelectionModel().getSelectedIndex();
        lessonPrevious.setDisable(index <= 0);
        lessonNext.setDisable(index >= lessonList.getItems().size() - 1);
    }

    private HBox presetRow(LessonPreset p, int i) {
        PresetCheck c = PresetCheck.of(p, engine.pools(), engine.workloads());
        Button b = new Button("Run: " + p.label());
        b.setId("preset-" + i);
        b.setDisable(!c.ready());
        b.setOnAction(e -> runPreset.accept(c.spec()));
        HBox row = new HBox(8, b);
        if (c.ready()) {
            b.setTooltip(new Tooltip(c.spec().describe()));
            row.getChildren().add(new Label(c.spec().describe()));
        } else {
            Label why = new Label("Not available: " + c.message());
            why.setWrapText(true);
            why.getStyleClass().add("lesson-unavailable");
            row.getChildren().add(why);
        }
        return row;
    }

    private static void visible(Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
