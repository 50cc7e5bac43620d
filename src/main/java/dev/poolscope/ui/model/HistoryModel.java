package dev.poolscope.ui.model;

import dev.poolscope.engine.RunSpec;
import dev.poolscope.ui.store.HistoryEntry;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The finished runs and the saved presets, as the history view and the presets menu show them. FX thread only. */
public final class HistoryModel {
    private final ObservableList<HistoryEntry> runs = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ObservableMap<String, RunSpec> presets = FXCollections.observableMap(new LinkedHashMap<>());
    private final ObservableMap<String, RunSpec> presetsView = FXCollections.unmodifiableObservableMap(presets);

    /** Runs, oldest first (read-only). */
    public ObservableList<HistoryEntry> runs() {
        return runsView;
    }

    /** Presets by name (read-only). */
    public ObservableMap<String, RunSpec> presets() {
        return presetsView;
    }

    public void setRuns(Collection<HistoryEntry> all) {
        runs.setAll(all);
    }

    public void addRun(HistoryEntry e) {
        runs.add(e);
    }

    public void removeRuns(Collection<HistoryEntry> gone) {
        runs.removeAll(List.copyOf(gone));
    }

    /** The run with this id, or null. */
    public HistoryEntry find(String id) {
        return runs.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    public void setPresets(Map<String, RunSpec> all) {
        presets.clear();
        presets.putAll(all);
    }

    public void putPreset(String name, RunSpec spec) {
        presets.put(name, spec);
    }

    public void removePreset(String name) {
        presets.remove(name);
    }

    /** A copy of the presets in order. */
    public Map<String, RunSpec> presetsCopy() {
        return new LinkedHashMap<>(presets);
    }
}
