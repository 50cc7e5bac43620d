package dev.poolscope.ui.run;

/** Tells the user about errors and events without blocking the window. */
public interface Notifier {
    /** Something went wrong; the message gives the cause, not a stack trace. */
    void error(String title, String message);

    /** Something the user should know. */
    void info(String title, String message);
}
