package dev.poolscope.ui.view;

import dev.poolscope.workload.ParamSpec;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableMap;
import org.controlsfx.control.PropertySheet;

import java.util.Optional;

/** One workload parameter as a property-sheet row, backed by the form's parameter map. */
public final class ParamItem implements PropertySheet.Item {
    private final ParamSpec spec;
    private final ObservableMap<String, String> values;
    private final javafx.beans.property.BooleanProperty editing;

    /**
     * @param editing set while this item writes to {@code values}, so that the sheet is not rebuilt under the user's cursor
     */
    public ParamItem(ParamSpec spec, ObservableMap<String, String> values, javafx.beans.property.BooleanProperty editing) {
        this.spec = spec;
        this.values = values;
        this.editing = editing;
    }

    @Override public Class<?> getType() { return String.class; }
    @Override public String getCategory() { return "Parameters"; }
    @Override public String getName() { return spec.name(); }

    @Override
    public String getDescription() {
        return spec.description() + " (" + (spec.integer() ? "whole number " : "") + rangeText()
                + ", default " + spec.defaultText() + ")";
    }

    private String rangeText() {
        return "from " + new ParamSpec("", "", spec.min(), 0, 0, false).defaultText() + " to "
                + new ParamSpec("", "", spec.max(), 0, 0, false).defaultText();
    }

    @Override public Object getValue() { return values.get(spec.name()); }
    @Override
    public void setValue(Object value) {
        editing.set(true);
        try {
            values.put(spec.name(), value == null ? "" : value.toString());
        } finally {
            editing.set(false);
        }
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(Bindings.valueAt(values, spec.name()));
    }
}
