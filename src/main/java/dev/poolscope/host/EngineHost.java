package dev.poolscope.host;

import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.metrics.ChartSample;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.MissedSamples;
import dev.poolscope.metrics.TaskSpan;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine host's side of the link: reads {@link HostRequest}s, one per
 * line, runs them on a {@link RunEngine} and writes {@link HostEvent}s.
 *
 * <p>How it works:
 * <ol>
 *   <li>It writes {@link HostEvent.Ready} with its process id, then reads requests on the calling thread.</li>
 *   <li>All output goes through one writer thread, so no thread ever waits on the pipe while holding
 *       something another needs. Snapshots are coalesced there: at most one is queued, and it is the latest.
 *       Each carries at most {@link #MAX_SPANS} task spans (the newest).</li>
 *   <li>When a run ends, its last snapshot and report follow any queued snapshot.</li>
 *   <li>At the end of input (the parent closed the link or died) or on {@link HostRequest.Close}, a run still
 *       going is stopped, its pool ends (bounded wait) and {@link #serve()} returns.</li>
 * </ol>
 */
public final class EngineHost {
    private final RecordingSlot recorder = new RecordingSlot();
    /** Most task spans sent with one snapshot. */
    public static final int MAX_SPANS = 512;
    private static final System.Logger LOG = System.getLogger(EngineHost.class.getName());

    private final RunEngine engine;
    private final InputStream in;
    private final Writer out;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "poolscope-host-writer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<MetricsSnapshot> pendingSnapshot = new AtomicReference<>();
    private final AtomicBoolean snapshotQueued = new AtomicBoolean();
    /** The samples of the snapshots {@link #pendingSnapshot} replaced since the last hand-off; guarded by {@link #pendingLock}. */
    private final MissedSamples missed = new MissedSamples();
    private final Object pendingLock = new Object();
    private volatile boolean broken;
    /** The run going, or the last one; touched by the reading thread only (and read by the report callback). */
    private volatile Run run;

    public EngineHost(RunEngine engine, InputStream in, OutputStream out) {
        this.engine = engine;
        this.in = in;
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** Serves requests until the input ends or a close request; then stops the run and returns. */
    public void serve() throws IOException {
        warmUp();
        send(new HostEvent.Ready(ProcessHandle.current().pid()));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                HostRequest request;
                try {
                    request = HostJson.read(line, HostRequest.class);
                } catch (IllegalArgumentException e) {
                    send(new HostEvent.Failed(-1, e.getMessage()));
                    continue;
                }
                if (request instanceof HostRequest.Close) {
                    break;
                }
                handle(request);
            }
        } finally {
            shutdown();
        }
    }

    /**
     * Loads and links what every run needs besides its workload (the engine, a pool, the sampler, the JSON
     * writers for snapshots and reports) with a tiny no-op run, so the first real run does not pay for it
     * while its workers want the cores. The workload's own code is not warmed.
     */
    private void warmUp() {
        try (Run warm = engine.start(dev.poolscope.engine.RunSpec.of("fixed", 1,
                dev.poolscope.workload.WorkloadSpec.of("noop"), 200).withSampleInterval(Duration.ofMillis(10)))) {
            dev.poolscope.engine.RunReport r = warm.await(Duration.ofSeconds(30));
            MetricsSnapshot last = warm.latest();
            HostJson.read(HostJson.line(new HostEvent.Report(r, last)), HostEvent.class);
            if (last != null) {
                HostJson.read(HostJson.line(new HostEvent.Snapshot(last)), HostEvent.class);
            }
            HostJson.read(HostJson.line(new HostRequest.Start(0, r.spec())), HostRequest.class);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(System.Logger.Level.DEBUG, "warm-up failed; the first run pays for it", e);
        }
    }

    private void handle(HostRequest request) {
        switch (request) {
            case HostRequest.Start s -> start(s);
            case HostRequest.Resize r -> answer(r.id(), () -> {
                Run current = requireRun();
                current.resize(r.workers());
                return new HostEvent.Done(r.id());
            });
            case HostRequest.Stop s -> {
                Run current = run;
                if (current != null) {
                    current.stop();
                }
                send(new HostEvent.Done(s.id()));
            }
            case HostRequest.KillWorker k -> answer(k.id(), () -> {
                return new HostEvent.Killed(k.id(), requireRun().pool().killWorker(k.slot()));
            });
            case HostRequest.StartRecording r -> answer(r.id(), () -> {
                recorder.start();
                return new HostEvent.Done(r.id());
            });
            case HostRequest.SaveRecording r -> answer(r.id(), () -> {
                recorder.saveTo(java.nio.file.Path.of(r.file()));
                return new HostEvent.Done(r.id());
            });
            case HostRequest.Close c -> {
                // handled by serve
            }
        }
    }

    private Run requireRun() {
        Run current = run;
        if (current == null || current.state().ended()) {
            throw new IllegalStateException("no run is going");
        }
        return current;
    }

    private void answer(long id, java.util.function.Supplier<HostEvent> action) {
        try {
            send(action.get());
        } catch (InvalidSpecException e) {
            send(new HostEvent.Refused(id, e.field(), e.getMessage()));
        } catch (RuntimeException e) {
            send(new HostEvent.Failed(id, message(e)));
        }
    }

    private void start(HostRequest.Start s) {
        Run previous = run;
        if (previous != null && !previous.report().isDone()) {
            send(new HostEvent.Failed(s.id(), "a run is already going"));
            return;
        }
        Run started;
        try {
            started = engine.start(s.spec());
        } catch (InvalidSpecException e) {
            send(new HostEvent.Refused(s.id(), e.field(), e.getMessage()));
            return;
        } catch (RuntimeException | Error e) {
            send(new HostEvent.Failed(s.id(), message(e)));
            return;
        }
        run = started;
        Consumer<MetricsSnapshot> listener = this::offer;
        started.addListener(listener);
        send(new HostEvent.Done(s.id()));
        started.report().whenComplete((report, err) -> {
            started.removeListener(listener);
            MetricsSnapshot last = started.latest();
            synchronized (pendingLock) {
                pendingSnapshot.set(null);
                missed.clear();
            }
            if (err != null) {
                send(new HostEvent.Failed(s.id(), message(err)));
            } else {
                send(new HostEvent.Report(report, last == null ? null : capped(last)));
            }
        });
    }

    /**
     * Sampling thread: keep the latest snapshot (the one it replaces leaves
     * its chart sample) and queue one hand-off if none is queued.
     */
    private void offer(MetricsSnapshot s) {
        synchronized (pendingLock) {
            MetricsSnapshot replaced = pendingSnapshot.getAndSet(s);
            if (replaced != null) {
                missed.add(ChartSample.of(replaced));
            }
        }
        if (snapshotQueued.compareAndSet(false, true)) {
            execute(() -> {
                snapshotQueued.set(false);
                MetricsSnapshot latest;
                List<ChartSample> before;
                synchronized (pendingLock) {
                    latest = pendingSnapshot.getAndSet(null);
                    before = missed.drain();
                }
                if (latest != null) {
                    write(new HostEvent.Snapshot(capped(latest), before));
                }
            });
        }
    }

    /** The snapshot with at most {@link #MAX_SPANS} spans, the newest kept. */
    static MetricsSnapshot capped(MetricsSnapshot s) {
        List<TaskSpan> spans = s.spans();
        if (spans.size() <= MAX_SPANS) {
            return s;
        }
        List<TaskSpan> kept = spans.stream()
                .sorted(java.util.Comparator.comparingLong(TaskSpan::startNanos))
                .skip(spans.size() - MAX_SPANS)
                .sorted(java.util.Comparator.comparingInt(TaskSpan::workerId).thenComparingLong(TaskSpan::startNanos))
                .toList();
        return s.withSpans(kept);
    }

    private void send(HostEvent e) {
        execute(() -> write(e));
    }

    private void execute(Runnable r) {
        try {
            writer.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the host is ending; nothing more goes out
        }
    }

    /** Writer thread only. */
    private void write(HostEvent e) {
        if (broken) {
            return;
        }
        try {
            out.write(HostJson.line(e));
            out.write('\n');
            out.flush();
        } catch (IOException | RuntimeException ex) {
            // the parent stopped reading; the end of its input follows
            broken = true;
            LOG.log(System.Logger.Level.DEBUG, "cannot write to the parent", ex);
        }
    }

    private void shutdown() {
        Run current = run;
        if (current != null && !current.report().isDone()) {
            try {
                LocalBackend.stopAndAwait(current, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                current.pool().shutdownNow();
            }
        }
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
