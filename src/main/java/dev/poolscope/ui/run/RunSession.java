package dev.poolscope.ui.run;

import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.ui.model.ErrorSummary;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.host.LocalBackend;
import dev.poolscope.host.RunBackend;
import dev.poolscope.host.RunControl;
import dev.poolscope.ui.model.HistoryModel;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.store.HistoryEntry;
import dev.poolscope.ui.store.HistoryStore;
import dev.poolscope.ui.store.LoadResult;
import dev.poolscope.ui.store.PresetStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The dashboard's link to the engine: starts, resizes and stops runs on its own
 * engine thread through a {@link RunBackend} (in this JVM, or an engine host
 * process that the session then owns and closes), feeds the live model through one {@link SnapshotAdapter} per
 * run, and files finished runs into the history. Public methods are called on
 * the FX thread; models are only touched there (through {@code fx}).
 *
 * <p>Life cycle: one run at a time; {@link #close()} stops the run, waits for
 * its pool to end (bounded) and stops the session's threads.
 */
public final class RunSession implements AutoCloseable {
    private final RunBackend backend;
    private final LiveRunModel live;
    private final HistoryModel history;
    private final Executor fx;
    private final Notifier notifier;
    private final HistoryStore historyStore;
    private final PresetStore presetStore;
    private final ExecutorService engineThread = Executors.newSingleThreadExecutor(r -> daemon(r, "poolscope-ui-engine"));
    private final ExecutorService ioThread = Executors.newSingleThreadExecutor(r -> daemon(r, "poolscope-ui-io"));
    private volatile RunControl current;
    private volatile SnapshotAdapter adapter;
    private volatile boolean stopRequested;
    private volatile boolean closed;
    /** The runs as stored; touched only on the I/O thread. */
    private List<HistoryEntry> stored = new ArrayList<>();

    /** A session whose runs execute in this JVM. */
    public RunSession(RunEngine engine, LiveRunModel live, HistoryModel history, Path configDir, Executor fx, Notifier notifier) {
        this(new LocalBackend(engine), live, history, configDir, fx, notifier);
    }

    /** A session whose runs execute on the backend; the session closes it. */
    public RunSession(RunBackend backend, LiveRunModel live, HistoryModel history, Path configDir, Executor fx, Notifier notifier) {
        this.backend = backend;
        this.live = live;
        this.history = history;
        this.fx = fx;
        this.notifier = notifier;
        this.historyStore = new HistoryStore(configDir);
        this.presetStore = new PresetStore(configDir);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Loads history and presets in the background; warnings about corrupt files become notifications. */
    public void loadStored() {
        io(() -> {
            LoadResult<List<HistoryEntry>> runs = historyStore.load();
            stored = new ArrayList<>(runs.value());
            LoadResult<Map<String, RunSpec>> presets = presetStore.load();
            fx.execute(() -> {
                history.setRuns(runs.value());
                history.setPresets(presets.value());
                if (runs.warning() != null) {
                    notifier.error("History could not be read", runs.warning());
                }
                if (presets.warning() != null) {
                    notifier.error("Presets could not be read", presets.warning());
                }
            });
        });
    }

    /** Starts a run unless one is going. */
    public void start(RunSpec spec) {
        if (live.getPhase().busy() || closed) {
            return;
        }
        stopRequested = false;
        live.begin(spec);
        engineThread.execute(() -> {
            RunControl run;
            try {
                run = backend.start(spec);
            } catch (InvalidSpecException e) {
                fx.execute(() -> {
                    live.failed(e.getMessage());
                    notifier.error("The run was refused", e.getMessage());
                });
                return;
            } catch (RuntimeException | Error e) {
                fx.execute(() -> {
                    live.failed(cause(e));
                    notifier.error("The engine could not start the run", cause(e));
                });
                return;
            }
            SnapshotAdapter a = new SnapshotAdapter(fx, (points, s) -> live.apply(points, s));
            run.addListener(a);
            current = run;
            adapter = a;
            if (stopRequested) {
                run.stop();
            }
            fx.execute(live::started);
            run.report().whenCompleteAsync((report, err) -> ended(run, a, report, err), ioThread);
        });
    }

    private void ended(RunControl run, SnapshotAdapter a, RunReport report, Throwable err) {
        // 1. release the listener and silence any pending hand-off; the final snapshot is applied below, once
        run.removeListener(a);
        a.close();
        MetricsSnapshot last = run.latest();
        if (err != null) {
            fx.execute(() -> {
                clear(run);
                live.failed(cause(err));
                notifier.error("The run failed", cause(err));
            });
            return;
        }
        // 2. write the report files and the index (this is the I/O thread), then update the models on the FX thread
        HistoryEntry entry = null;
        List<HistoryEntry> dropped = List.of();
        try {
            entry = historyStore.record(report, Instant.now());
            stored.add(entry);
            List<HistoryEntry> kept = historyStore.save(stored);
            dropped = stored.subList(0, stored.size() - kept.size()).stream().toList();
            stored = new ArrayList<>(kept);
        } catch (IOException | RuntimeException ex) {
            fx.execute(() -> notifier.error("The run could not be saved to the history", cause(ex)));
        }
        HistoryEntry e = entry;
        List<HistoryEntry> gone = dropped;
        fx.execute(() -> {
            clear(run);
            if (last != null) {
                live.apply(last);
            }
            live.finish(report);
            if (e != null) {
                history.addRun(e);
                history.removeRuns(gone);
            }
            announce(report);
        });
    }

    private void clear(RunControl run) {
        if (current == run) {
            current = null;
            adapter = null;
        }
    }

    private void announce(RunReport r) {
        long bad = r.counts().failed() + r.counts().timedOut();
        if (bad > 0) {
            notifier.errors("Tasks failed", ErrorSummary.of(r), r.errors());
        }
        if (r.state() == dev.poolscope.engine.RunState.FAILED) {
            notifier.error("The run failed", String.join("\n", r.notes()));
        }
    }

    /** Asks the run to stop; returns at once. */
    public void stop() {
        if (!live.getPhase().busy() || closed) {
            return;
        }
        stopRequested = true;
        live.stopping();
        engineThread.execute(() -> {
            RunControl run = current;
            if (run != null) {
                run.stop();
            }
        });
    }

    /** Changes the running pool's worker count. */
    public void resize(int workers) {
        if (live.getPhase() != RunPhase.RUNNING || closed) {
            return;
        }
        engineThread.execute(() -> {
            RunControl run = current;
            if (run == null) {
                return;
            }
            try {
                run.resize(workers);
            } catch (InvalidSpecException | IllegalStateException e) {
                fx.execute(() -> notifier.error("Could not resize the pool", e.getMessage()));
            }
        });
    }

    /** The run going now if it executes in this JVM, else null. For actions on its pool. */
    public Run current() {
        RunControl c = current;
        return c == null ? null : c.local();
    }

    /** Where runs execute, for the status bar. */
    /** The backend the runs execute on (their JFR recording is made there too). Call off the FX thread. */
    public RunBackend backend() {
        return backend;
    }

    public String backendDescription() {
        return backend.describe();
    }

    /** True if the run going now can kill a single worker (a process pool). */
    public boolean canKillWorker() {
        RunControl c = current;
        return c != null && c.canKillWorker();
    }

    /**
     * Kills a worker's process on the engine thread; {@code killed} gets its PID
     * (or -1 if it had none) on the FX thread; failures become notifications.
     */
    public void killWorker(WorkerSnapshot worker, LongConsumer killed) {
        if (closed) {
            return;
        }
        engineThread.execute(() -> {
            RunControl run = current;
            if (run == null) {
                return;
            }
            try {
                long pid = run.killWorker(worker.slot());
                fx.execute(() -> killed.accept(pid));
            } catch (RuntimeException e) {
                fx.execute(() -> notifier.error("Killing worker " + worker.label() + " failed", cause(e)));
            }
        });
    }

    /** Runs an engine action on the engine thread, reporting failures as notifications. */
    public void onEngine(String what, Consumer<Run> action) {
        if (closed) {
            return;
        }
        engineThread.execute(() -> {
            RunControl c = current;
            Run run = c == null ? null : c.local();
            if (run == null) {
                return;
            }
            try {
                action.accept(run);
            } catch (RuntimeException e) {
                fx.execute(() -> notifier.error(what + " failed", cause(e)));
            }
        });
    }

    /** Removes runs from the history and deletes their files. */
    public void deleteRuns(Collection<HistoryEntry> gone) {
        List<HistoryEntry> list = List.copyOf(gone);
        history.removeRuns(list);
        io(() -> {
            stored.removeAll(list);
            try {
                historyStore.save(stored);
            } catch (IOException e) {
                fx.execute(() -> notifier.error("The history could not be saved", cause(e)));
            }
            for (HistoryEntry e : list) {
                try {
                    historyStore.deleteFiles(e.id());
                } catch (IOException ex) {
                    fx.execute(() -> notifier.error("Could not delete a run's files", cause(ex)));
                }
            }
        });
    }

    private void io(Runnable r) {
        try {
            ioThread.execute(r);
        } catch (RejectedExecutionException closing) {
            // the session is closing; nothing more is written
        }
    }

    /** Saves (or replaces) a preset. */
    public void savePreset(String name, RunSpec spec) {
        history.putPreset(name, spec);
        savePresets();
    }

    /** Deletes a preset. */
    public void deletePreset(String name) {
        history.removePreset(name);
        savePresets();
    }

    private void savePresets() {
        Map<String, RunSpec> copy = history.presetsCopy();
        io(() -> {
            try {
                presetStore.save(copy);
            } catch (IOException e) {
                fx.execute(() -> notifier.error("The presets could not be saved", cause(e)));
            }
        });
    }

    /** What export writes. */
    public enum ExportKind { JSON, CSV }

    /** Copies a run's report (the command line's JSON) or its sample CSV to a file, in the background. */
    public void export(HistoryEntry e, ExportKind kind, Path target, Runnable done) {
        Path source = kind == ExportKind.JSON ? historyStore.reportFile(e.id()) : historyStore.csvFile(e.id());
        io(() -> {
            try {
                if (!Files.exists(source)) {
                    throw new IOException("the run's file " + source + " is missing");
                }
                Path tmp = target.resolveSibling(target.getFileName() + ".part");
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                fx.execute(done);
            } catch (IOException ex) {
                fx.execute(() -> notifier.error("Export failed", cause(ex)));
            }
        });
    }

    /** Runs a task on the I/O thread (file writes such as PNG export). */
    public void onIo(String what, IoAction action) {
        io(() -> {
            try {
                action.run();
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> notifier.error(what + " failed", cause(e)));
            }
        });
    }

    /** A file action. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws IOException;
    }

    /** Stops any run, waits for it to end (bounded) and stops the session's threads. */
    @Override
    public void close() {
        // 1. no new runs; a run still being started is stopped as soon as it exists
        closed = true;
        stopRequested = true;
        engineThread.shutdown();
        try {
            engineThread.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // 2. stop the run and wait for its pool to end
        RunControl run = current;
        if (run != null) {
            try {
                run.stopAndAwait(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        backend.close();
        // 3. let pending file writes finish
        ioThread.shutdown();
        try {
            ioThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engineThread.shutdownNow();
        ioThread.shutdownNow();
    }

    private static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
