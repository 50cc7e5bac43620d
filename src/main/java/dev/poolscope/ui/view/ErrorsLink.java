package dev.poolscope.ui.view;

import dev.poolscope.engine.RunReport;
import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.ui.model.Format;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Hyperlink;

import java.util.List;

/** A status-bar link to the last run's full error list; hidden while the last run had no errors. */
public final class ErrorsLink extends Hyperlink {
    private List<ErrorTable.Entry> errors = List.of();

    public ErrorsLink(ObservableValue<RunReport> lastReport) {
        setId("errorsLink");
        setVisible(false);
        setManaged(false);
        lastReport.addListener((o, was, now) -> update(now));
        update(lastReport.getValue());
        setOnAction(e -> ErrorList.show(getScene() == null ? null : getScene().getWindow(), errors));
    }

    private void update(RunReport r) {
        errors = r == null ? List.of() : r.errors();
        long n = errors.stream().mapToLong(ErrorTable.Entry::count).sum();
        setText(Format.count(n) + " errors in " + errors.size() + (errors.size() == 1 ? " group" : " groups") + ": show all");
        setVisible(!errors.isEmpty());
        setManaged(!errors.isEmpty());
    }
}
