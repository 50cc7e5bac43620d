package dev.poolscope.ui;

import dev.poolscope.ui.run.Notifier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.util.function.Supplier;

/** Notifications as ControlsFX pop-ups over the window; the latest is kept for the status bar and tests. FX thread. */
public final class FxNotifier implements Notifier {
    private static final System.Logger LOG = System.getLogger(FxNotifier.class.getName());
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
        Notifications n = Notifications.create().title(title).text(message).position(Pos.BOTTOM_RIGHT);
        Window w = owner.get();
        if (w != null && w.isShowing()) {
            n.owner(w);
        }
        return n;
    }

    /** The latest message, as {@code title: text}. */
    public ReadOnlyStringProperty lastProperty() {
        return last.getReadOnlyProperty();
    }
}
