package dev.poolscope.ui;

import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.ui.run.Notifier;
import dev.poolscope.ui.view.ErrorList;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Notifications as ControlsFX pop-ups inside the window that raised them (its bottom-right corner); the
 * latest is kept for the status bar and tests. Long messages are wrapped to fit the window, so a pop-up
 * never reaches past its edges. FX thread.
 */
public final class FxNotifier implements Notifier {
    private static final System.Logger LOG = System.getLogger(FxNotifier.class.getName());
    /** Pixels per character assumed when wrapping (the pop-up's font), and the pop-up's own margins. */
    private static final double CHAR_WIDTH = 7.5;
    private static final double MARGINS = 120;
    /** Lines of a message shown, at most. */
    static final int MAX_LINES = 8;
    private final Supplier<Window> owner;
    private final ReadOnlyStringWrapper last = new ReadOnlyStringWrapper(this, "last", "");

    FxNotifier(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void error(String title, String message) {
        LOG.log(System.Logger.Level.WARNING, title + ": " + message);
        last.set(title + ": " + message);
        if (shown()) {
            build(title, message).hideAfter(Duration.seconds(10)).showError();
        }
    }

    @Override
    public void errors(String title, String summary, List<ErrorTable.Entry> all) {
        LOG.log(System.Logger.Level.WARNING, title + ": " + summary);
        last.set(title + ": " + summary);
        if (shown()) {
            Window w = owner.get();
            build(title, summary).hideAfter(Duration.seconds(15))
                    .action(new Action("Show all errors", e -> ErrorList.show(w, all)))
                    .showError();
        }
    }

    @Override
    public void info(String title, String message) {
        last.set(title + ": " + message);
        if (shown()) {
            build(title, message).hideAfter(Duration.seconds(5)).showInformation();
        }
    }

    /** A pop-up needs a window to show over; after the window has closed there is none. */
    private boolean shown() {
        Window w = owner.get();
        return w != null && w.isShowing();
    }

    private Notifications build(String title, String message) {
        Window w = owner.get();
        int columns = (int) Math.max(24, Math.min(72, (w.getWidth() - MARGINS) / CHAR_WIDTH));
        return Notifications.create().title(title).text(wrap(message, columns)).position(Pos.BOTTOM_RIGHT).owner(w);
    }

    /** The message broken into lines of at most {@code columns} characters (at spaces where it can), at most {@value #MAX_LINES} lines. */
    static String wrap(String message, int columns) {
        List<String> lines = new ArrayList<>();
        for (String para : message.split("\n", -1)) {
            String rest = para;
            while (rest.length() > columns) {
                int cut = rest.lastIndexOf(' ', columns);
                if (cut < columns / 2) {
                    cut = columns;
                }
                lines.add(rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut).stripLeading();
            }
            lines.add(rest);
        }
        if (lines.size() > MAX_LINES) {
            List<String> kept = new ArrayList<>(lines.subList(0, MAX_LINES - 1));
            kept.add("…");
            lines = kept;
        }
        return String.join("\n", lines);
    }

    /** The latest message, as {@code title: text}. */
    public ReadOnlyStringProperty lastProperty() {
        return last.getReadOnlyProperty();
    }
}
