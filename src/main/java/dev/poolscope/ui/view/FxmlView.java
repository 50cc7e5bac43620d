package dev.poolscope.ui.view;

import javafx.fxml.FXMLLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** Loads a view's FXML with the view itself as the {@code fx:root} and the controller. */
public final class FxmlView {
    private FxmlView() {
    }

    /** Loads {@code name} (next to the view's class) into {@code view}. */
    public static void load(Object view, String name) {
        FXMLLoader loader = new FXMLLoader(Objects.requireNonNull(view.getClass().getResource(name), name));
        loader.setRoot(view);
        loader.setController(view);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + name, e);
        }
    }
}
