package dev.poolscope.ui.view;

import java.nio.file.Path;
import java.util.Optional;

/** The questions the dashboard asks the user; tests answer them without windows. */
public interface Dialogs {
    /** Asks where to save a file, or empty if cancelled. */
    Optional<Path> saveFile(String title, String suggestedName, String extension);

    /** Asks for a line of text, or empty if cancelled. */
    Optional<String> askText(String title, String question, String suggestion);
}
