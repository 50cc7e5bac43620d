package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.tuning.Lesson;
import dev.poolscope.tuning.LessonLibrary;
import dev.poolscope.tuning.LessonOutcome;
import dev.poolscope.tuning.LessonPreset;
import dev.poolscope.tuning.PresetCheck;
import dev.poolscope.tuning.TutorialDemos;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Lessons view: the list of lessons on the left; on the right the chosen
 * lesson's explanation, what to look for, its question (and a collapsed answer
 * for teachers), a button per preset run that hands the run to the callback,
 * and a button for its built-in demo, which runs on its own thread. Presets
 * needing a pool kind or workload this build lacks are shown disabled with the
 * reason. Previous/Next walk through every lesson. With a {@link LessonPlayer},
 * "Play lesson" runs all of a lesson's runs and shows their outcome
 * ({@link LessonOutcomeView}).
 */
public final class LessonsView extends BorderPane {
    private final RunEngine engine;
    private final Consumer<RunSpec> runPreset;
    private final ListView<Lesson> list = new ListView<>();
    private final VBox detail = new VBox(8);
    private final Button previous = new Button("\u2190 Previous lesson");
    private final Button next = new Button("Next lesson \u2192");
    private final Map<String, LessonOutcome> outcomes = new HashMap<>();
    private LessonPlayer player;
    private Runnable showSelf = () -> { };
    private Lesson shown;

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
        getStyleClass().add("lessons-view");
        getStylesheets().add(LessonsView.class.getResource("tuning.css").toExternalForm());
        getStylesheets().add(LessonsView.class.getResource("/dev/poolscope/ui/presenter.css").toExternalForm()); // wins over tuning.css

        list.setId("lessonList");
        list.getItems().setAll(library.lessons());
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Lesson l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : (getIndex() + 1) + ". " + l.title());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, l) -> show(l));
        VBox left = new VBox(6, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        if (!library.problems().isEmpty()) {
            Label problems = new Label("Skipped lesson files:\n" + String.join("\n", library.problems()));
            problems.setId("lessonProblems");
            problems.setWrapText(true);
            problems.getStyleClass().add("lesson-problems");
            left.getChildren().add(problems);
        }
        left.setPadding(new Insets(6));

        detail.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        previous.setId("lessonPrevious");
        previous.setOnAction(e -> list.getSelectionModel().selectPrevious());
        next.setId("lessonNext");
        next.setOnAction(e -> list.getSelectionModel().selectNext());
        HBox nav = new HBox(8, previous, next);
        nav.setPadding(new Insets(8, 12, 8, 12));
        BorderPane right = new BorderPane(scroll);
        right.setBottom(nav);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.3);
        setCenter(split);
        if (!list.getItems().isEmpty()) {
            list.getSelectionModel().select(0);
        }
    }

    /**
     * Adds "Play lesson": the player runs the lesson's runs in the live view, then
     * {@code showSelf} brings this view back with the runs side by side.
     */
    public void setPlayer(LessonPlayer player, Runnable showSelf) {
        this.player = player;
        this.showSelf = showSelf;
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
        list.getSelectionModel().select(index);
    }

    private void show(Lesson l) {
        shown = l;
        detail.getChildren().clear();
        if (l == null) {
            previous.setDisable(true);
            next.setDisable(true);
            return;
        }
        Label title = new Label(l.title());
        title.setId("lessonTitle");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        Label explanation = wrapped(l.explanation());
        explanation.setId("lessonExplanation");
        detail.getChildren().addAll(title, explanation, heading("What to look for"));
        for (String s : l.lookFor()) {
            detail.getChildren().add(wrapped("\u2022 " + s));
        }
        detail.getChildren().add(heading("Question"));
        Label q = wrapped(l.question());
        q.setId("lessonQuestion");
        q.getStyleClass().add("lesson-question");
        detail.getChildren().add(q);

        if (!l.presets().isEmpty()) {
            detail.getChildren().add(heading("Runs"));
            for (int i = 0; i < l.presets().size(); i++) {
                LessonPreset p = l.presets().get(i);
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
                detail.getChildren().add(row);
            }
        }
        if (player != null && !l.presets().isEmpty()) {
            Button play = new Button("Play lesson");
            play.setId("playLesson");
            play.getStyleClass().add("play-lesson");
            play.disableProperty().bind(player.playingProperty());
            play.setOnAction(e -> playShown());
            Button stop = new Button("Stop lesson");
            stop.setId("stopLesson");
            stop.disableProperty().bind(player.playingProperty().not());
            stop.setOnAction(e -> player.stop());
            Label status = new Label();
            status.setId("lessonPlayStatus");
            status.getStyleClass().add("lesson-play-status");
            status.textProperty().bind(player.statusProperty());
            status.setWrapText(true);
            detail.getChildren().addAll(heading("Play"), wrapped("Runs every run of the lesson one after another in "
                    + "the Live tab, then shows them side by side here, with each claim checked on this machine."),
                    new HBox(8, play, stop, status));
            LessonOutcome o = outcomes.get(l.id());
            if (o != null) {
                detail.getChildren().add(new LessonOutcomeView(o));
            }
        }
        if (l.demo() != null) {
            detail.getChildren().add(heading("Demonstration"));
            TextArea output = new TextArea();
            output.setId("demoOutput");
            output.setEditable(false);
            output.setPrefRowCount(14);
            output.getStyleClass().add("lesson-demo-output");
            Button run = new Button("Run the demo");
            run.setId("runDemo");
            run.setOnAction(e -> {
                run.setDisable(true);
                output.setText("Running...");
                Thread.ofPlatform().daemon(true).name("poolscope-demo").start(() -> {
                    String text;
                    try {
                        text = String.join("\n", TutorialDemos.run(l.demo()).lines());
                    } catch (Exception ex) {
                        text = "The demo failed: " + ex.getMessage();
                    }
                    String shown = text;
                    Platform.runLater(() -> {
                        output.setText(shown);
                        run.setDisable(false);
                    });
                });
            });
            detail.getChildren().addAll(run, output);
        }
        if (l.answer() != null) {
            LessonOutcome played = outcomes.get(l.id());
            String text = played != null && played.answer() != null ? played.answer()
                    : l.answer() + (l.answer().contains("{") ? "\n\n(Play lesson fills in the {...} figures from this machine.)" : "");
            TitledPane answer = new TitledPane("Answer (for teachers)", wrapped(text));
            answer.setId("lessonAnswer");
            answer.setExpanded(false);
            detail.getChildren().add(answer);
        }

        int index = list.getSelectionModel().getSelectedIndex();
        previous.setDisable(index <= 0);
        next.setDisable(index >= list.getItems().size() - 1);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("lesson-heading");
        return l;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
