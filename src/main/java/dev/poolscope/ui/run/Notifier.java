package dev.poolscope.ui.run;

/** Tells the user about errors and events without blocking the window. */
public interface Notifier {
    /** Something went wrong; the message gives the cause, not a stack trace. */
    void error(String title, String message);

    /**
     * Task failures: a short summary, with every group of errors (and its examples) one
     * click away where the notifier can show them.
     */
    default void errors(String title, String summary, java.util.List<dev.poolscope.metrics.ErrorTable.Entry> all) {
        error(title, summary);
    }

    /** Something the user should know. */
    void info(String title, String message);
}
