package dev.poolscope.ui;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.ui.model.HistoryModel;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunFormModel;
import dev.poolscope.ui.run.Notifier;
import dev.poolscope.ui.run.RunSession;
import dev.poolscope.ui.view.Dialogs;

/**
 * Everything one dashboard window works with, made once per window and handed
 * to its controllers (no static services).
 */
public record Dashboard(RunEngine engine, RunFormModel form, LiveRunModel live, HistoryModel history,
                        RunSession session, Notifier notifier, Dialogs dialogs) implements AutoCloseable {

    /** Stops the run and the session's threads. */
    @Override
    public void close() {
        session.close();
    }
}
