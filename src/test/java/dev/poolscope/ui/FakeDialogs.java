package dev.poolscope.ui;

import dev.poolscope.ui.view.Dialogs;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Answers the dashboard's questions from queues the test fills. */
final class FakeDialogs implements Dialogs {
    final Deque<Path> files = new ArrayDeque<>();
    final Deque<String> texts = new ArrayDeque<>();

    @Override
    public synchronized Optional<Path> saveFile(String title, String suggestedName, String extension) {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public synchronized Optional<String> askText(String title, String question, String suggestion) {
        return Optional.ofNullable(texts.poll());
    }
}
