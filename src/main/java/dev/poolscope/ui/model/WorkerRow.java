package dev.poolscope.ui.model;

import dev.poolscope.metrics.WorkerSnapshot;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One worker in the worker table: a stable row whose latest snapshot is replaced in place, so selection survives updates. */
public final class WorkerRow {
    private final int id;
    private final ReadOnlyObjectWrapper<WorkerSnapshot> snapshot;

    WorkerRow(WorkerSnapshot first) {
        this.id = first.id();
        this.snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot", first);
    }

    public int id() {
        return id;
    }

    public WorkerSnapshot getSnapshot() {
        return snapshot.get();
    }

    public ReadOnlyObjectProperty<WorkerSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    void update(WorkerSnapshot s) {
        snapshot.set(s);
    }
}
