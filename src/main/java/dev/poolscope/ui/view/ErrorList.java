package dev.poolscope.ui.view;

import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.ui.model.ErrorSummary;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Function;

/** The full list of a run's errors: one row per group, its examples (worker, PID, task, message) beneath it. */
public final class ErrorList {
    private ErrorList() {
    }

    /** A table of the groups, each expanded to its examples. */
    public static TreeTableView<ErrorSummary.Row> table(List<ErrorTable.Entry> errors) {
        TreeItem<ErrorSummary.Row> root = new TreeItem<>();
        TreeItem<ErrorSummary.Row> group = null;
        for (ErrorSummary.Row r : ErrorSummary.rows(errors)) {
            TreeItem<ErrorSummary.Row> item = new TreeItem<>(r);
            if (!r.group().isEmpty()) {
                group = item;
                group.setExpanded(true);
                root.getChildren().add(group);
            } else if (group != null) {
                group.getChildren().add(item);
            }
        }
        TreeTableView<ErrorSummary.Row> t = new TreeTableView<>(root);
        t.setId("errorList");
        t.setShowRoot(false);
        TreeTableColumn<ErrorSummary.Row, String> what = column("Error group · example", r -> r.group().isEmpty() ? r.message() : r.group());
        what.setPrefWidth(820);
        t.getColumns().setAll(List.of(what, column("Worker", ErrorSummary.Row::worker), column("PID", ErrorSummary.Row::pid),
                column("Task", ErrorSummary.Row::task)));
        t.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        return t;
    }

    private static TreeTableColumn<ErrorSummary.Row, String> column(String title, Function<ErrorSummary.Row, String> f) {
        TreeTableColumn<ErrorSummary.Row, String> c = new TreeTableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().getValue() == null ? "" : f.apply(cd.getValue().getValue())));
        c.setSortable(false);
        return c;
    }

    /** Opens the list in a window of its own, over (and styled like) the window that asked. */
    public static Stage show(Window owner, List<ErrorTable.Entry> errors) {
        Stage s = new Stage();
        s.setTitle("Errors of the last run");
        if (owner != null) {
            s.initOwner(owner);
        }
        Scene scene = new Scene(table(errors), owner == null ? 1000 : Math.min(1000, owner.getWidth() - 40),
                owner == null ? 420 : Math.min(420, owner.getHeight() - 40));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        s.setScene(scene);
        if (owner != null) {
            s.setX(owner.getX() + (owner.getWidth() - scene.getWidth()) / 2);
            s.setY(owner.getY() + (owner.getHeight() - scene.getHeight()) / 2);
        }
        s.show();
        return s;
    }
}
