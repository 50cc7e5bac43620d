package dev.poolscope.ui.attach;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;

/** Opens the attach view in a window of its own ("File > Attach to a running JVM..."). */
public final class AttachWindow {
    private AttachWindow() {
    }

    /** Loads the view; the caller shows it. */
    public static FXMLLoader load() {
        FXMLLoader loader = new FXMLLoader(AttachWindow.class.getResource("/dev/poolscope/ui/attach/AttachView.fxml"));
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loader;
    }

    /** Opens the attach window; deep mode asks for consent in a dialog. */
    public static Stage open(Window owner) {
        FXMLLoader loader = load();
        AttachController c = loader.getController();
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        c.setConsent(text -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
            a.setTitle("Load PoolScope's agent?");
            a.setHeaderText("Deep mode changes the watched JVM");
            a.initOwner(stage);
            return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        });
        Scene scene = new Scene(loader.<Parent>getRoot());
        URL css = AttachWindow.class.getResource("/dev/poolscope/ui/poolscope.css");
        scene.getStylesheets().add(Objects.requireNonNull(css).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("PoolScope: attach to a running JVM");
        stage.setOnHidden(e -> c.close());
        stage.show();
        return stage;
    }
}
