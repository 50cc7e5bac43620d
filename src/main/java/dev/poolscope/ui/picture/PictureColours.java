package dev.poolscope.ui.picture;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.ui.view.TimelineView;
import javafx.scene.paint.Color;

/** The pool picture's colours: the timeline's outcome colours, and one each for waiting, running and rejected. */
public final class PictureColours {
    public static final Color WAITING = Color.web("#5c6bc0");
    public static final Color RUNNING = Color.web("#29b6f6");
    public static final Color REJECTED = Color.web("#8e44ad");
    public static final Color CRASHED = Color.web("#c62828");
    static final Color BACKGROUND = Color.web("#fbfcfd");
    static final Color BOX = Color.web("#eef2f6");
    static final Color BOX_EDGE = Color.web("#b0bec5");
    static final Color TEXT = Color.web("#263238");
    static final Color MUTED = Color.web("#607d8b");
    static final Color BUSY_LANE = Color.web("#e1f5fe");
    static final Color STARTING_LANE = Color.web("#fff3e0");
    static final Color DEAD_LANE = Color.web("#ffebee");

    private PictureColours() {
    }

    /** The colour of a token in this place with this outcome (null while it waits or runs). */
    public static Color of(TokenPlace place, Outcome outcome) {
        if (outcome == null) {
            return switch (place) {
                case QUEUE -> WAITING;
                case BOUNCE -> REJECTED;
                default -> RUNNING;
            };
        }
        return outcome == Outcome.REJECTED ? REJECTED : TimelineView.colourOf(outcome);
    }
}
