package dev.poolscope.host;

import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.ChartSample;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.SnapshotListener;
import dev.poolscope.process.ChildJvms;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs in an engine host: one long-lived child JVM ({@link EngineHostMain})
 * on this JVM's {@code java} and class path, linked over its standard input
 * and output. The child inherits this process's scheduling priority at the
 * moment {@link #launch} forks it, so a caller that wants its runs ahead of
 * its own threads launches the host first and lowers itself afterwards.
 *
 * <p>Threads: requests go out through one writer thread; one reader thread
 * takes events in and completes answers, snapshots and reports. No lock is
 * held around pipe I/O. The child exits when this JVM closes the link or dies.
 *
 * <p>Life cycle: launched, then (after {@link #close()} or the child's exit)
 * gone; a gone backend refuses runs with {@link IllegalStateException}.
 */
public final class HostBackend implements RunBackend {
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger(HostBackend.class.getName());

    private final Process process;
    private final Writer toHost;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "poolscope-host-link-writer");
        t.setDaemon(true);
        return t;
    });
    private final Thread reader;
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<HostEvent.Answer>> answers = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile RemoteRun current;
    private volatile String goneReason;

    private HostBackend(Process process) {
        this.process = process;
        this.toHost = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.reader = Thread.ofPlatform().name("poolscope-host-link-reader").daemon(true).unstarted(this::readEvents);
    }

    /**
     * Starts an engine host and returns at once (runs wait for it to be ready).
     *
     * @param jvmOptions extra options for the host JVM
     * @throws IOException if the child cannot be started
     */
    public static HostBackend launch(List<String> jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // unified logging defaults to stdout, which is the link: send it to stderr
        cmd.add("-Xlog:disable");
        cmd.add("-Xlog:all=warning:stderr");
        cmd.add("-XX:+DisplayVMOutputToStderr");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(ChildJvms.unsafeMemoryOptions()); // a cluster pool's client runs here
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EngineHostMain.class.getName());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        HostBackend b = new HostBackend(p);
        b.reader.start();
        return b;
    }

    /** The host's process id. */
    public long pid() {
        return process.pid();
    }

    /** The host process (for tests and callers that watch it). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Waits until the host reads requests.
     *
     * @throws IllegalStateException if it did not come up in time or is gone
     */
    public void awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine host", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the engine host did not start: " + (goneReason != null ? goneReason : "no answer in time"));
        }
    }

    @Override
    public void startRecording() {
        HostEvent.Answer a = request(HostRequest.StartRecording::new);
        if (!(a instanceof HostEvent.Done)) {
            throw failure(a);
        }
    }

    @Override
    public void saveRecording(java.nio.file.Path file) {
        HostEvent.Answer a = request(id -> new HostRequest.SaveRecording(id, file.toAbsolutePath().toString()));
        if (!(a instanceof HostEvent.Done)) {
            throw failure(a);
        }
    }

    @Override
    public String describe() {
        return "engine in its own process (PID " + process.pid() + ")";
    }

    @Override
    public RunControl start(RunSpec spec) {
        awaitReady(ANSWER_WAIT);
        RemoteRun previous = current;
        if (previous != null && !previous.report.isDone()) {
            throw new IllegalStateException("a run is already going");
        }
        RemoteRun run = new RemoteRun(spec);
        current = run;
        HostEvent.Answer a = request(id -> new HostRequest.Start(id, spec));
        if (a instanceof HostEvent.Done) {
            return run;
        }
        current = null;
        throw failure(a);
    }

    private RuntimeException failure(HostEvent.Answer a) {
        return switch (a) {
            case HostEvent.Refused r -> new InvalidSpecException(r.field(),
                    r.message().startsWith(r.field() + ": ") ? r.message().substring(r.field().length() + 2) : r.message());
            case HostEvent.Failed f -> new IllegalStateException(f.message());
            default -> new IllegalStateException("unexpected answer " + a);
        };
    }

    /** Sends a request and waits (bounded) for its answer. */
    private HostEvent.Answer request(java.util.function.LongFunction<HostRequest> make) {
        long id = ids.incrementAndGet();
        CompletableFuture<HostEvent.Answer> f = new CompletableFuture<>();
        answers.put(id, f);
        if (goneReason != null) {
            answers.remove(id);
            throw new IllegalStateException("the engine host is gone: " + goneReason);
        }
        send(make.apply(id));
        try {
            return f.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine host", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the engine host did not answer in time");
        } finally {
            answers.remove(id);
        }
    }

    private void send(HostRequest r) {
        String line = HostJson.line(r);
        try {
            writer.execute(() -> {
                try {
                    toHost.write(line);
                    toHost.write('\n');
                    toHost.flush();
                } catch (IOException e) {
                    // the host is gone; the reader sees its end and fails what waits
                    LOG.log(System.Logger.Level.DEBUG, "cannot write to the engine host", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            throw new IllegalStateException("the engine host link is closed");
        }
    }

    /** Reader thread: dispatch events until the host's output ends. */
    private void readEvents() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                HostEvent e;
                try {
                    e = HostJson.read(line, HostEvent.class);
                } catch (IllegalArgumentException bad) {
                    LOG.log(System.Logger.Level.WARNING, "ignoring a malformed line from the engine host: " + bad.getMessage());
                    continue;
                }
                dispatch(e);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "engine host link broke", e);
        }
        gone("the engine host exited" + exitStatus());
    }

    private String exitStatus() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return " (status " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private void dispatch(HostEvent e) {
        switch (e) {
            case HostEvent.Ready r -> ready.complete(r.pid());
            case HostEvent.Answer a -> {
                CompletableFuture<HostEvent.Answer> f = answers.get(a.id());
                if (f != null) {
                    f.complete(a);
                } else if (a instanceof HostEvent.Failed failed) {
                    // a run's failure after its start was answered
                    RemoteRun run = current;
                    if (run != null) {
                        run.report.completeExceptionally(new IllegalStateException(failed.message()));
                    }
                }
            }
            case HostEvent.Snapshot s -> {
                RemoteRun run = current;
                if (run != null) {
                    run.snapshot(s.snapshot(), s.before());
                }
            }
            case HostEvent.Report r -> {
                RemoteRun run = current;
                if (run != null) {
                    if (r.last() != null) {
                        run.latest = r.last();
                    }
                    run.report.complete(r.report());
                }
            }
        }
    }

    private void gone(String reason) {
        goneReason = reason;
        ready.completeExceptionally(new IllegalStateException(reason));
        answers.values().forEach(f -> f.completeExceptionally(new IllegalStateException(reason)));
        RemoteRun run = current;
        if (run != null) {
            run.report.completeExceptionally(new IllegalStateException(reason));
        }
    }

    /** True while the host process is alive. */
    public boolean alive() {
        return process.isAlive() && goneReason == null;
    }

    /** Asks the host to end (it stops any run first) and waits for it, bounded; kills it if late. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send(new HostRequest.Close(ids.incrementAndGet()));
            } catch (IllegalStateException alreadyClosed) {
                // the link is closed already
            }
        }
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
            toHost.close();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "HostBackend[pid " + process.pid() + (alive() ? ", alive" : ", gone: " + goneReason) + "]";
    }

    /** A run in the host, as seen from here. */
    private final class RemoteRun implements RunControl {
        private final RunSpec spec;
        private final CompletableFuture<RunReport> report = new CompletableFuture<>();
        private final List<Consumer<? super MetricsSnapshot>> listeners = new CopyOnWriteArrayList<>();
        private volatile MetricsSnapshot latest;

        RemoteRun(RunSpec spec) {
            this.spec = spec;
        }

        /** A snapshot from the host, after the chart samples of those the host dropped on the way. */
        void snapshot(MetricsSnapshot s, List<ChartSample> before) {
            latest = s;
            for (Consumer<? super MetricsSnapshot> l : listeners) {
                try {
                    if (l instanceof SnapshotListener sl) {
                        before.forEach(sl::missed);
                    }
                    l.accept(s);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "snapshot listener failed", e);
                }
            }
        }

        @Override
        public RunSpec spec() {
            return spec;
        }

        @Override
        public CompletableFuture<RunReport> report() {
            return report;
        }

        @Override
        public MetricsSnapshot latest() {
            return latest;
        }

        @Override
        public void addListener(Consumer<? super MetricsSnapshot> listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(Consumer<? super MetricsSnapshot> listener) {
            listeners.remove(listener);
        }

        @Override
        public void resize(int workers) {
            HostEvent.Answer a = request(id -> new HostRequest.Resize(id, workers));
            if (!(a instanceof HostEvent.Done)) {
                throw failure(a);
            }
        }

        @Override
        public void stop() {
            if (!report.isDone() && goneReason == null) {
                send(new HostRequest.Stop(ids.incrementAndGet()));
            }
        }

        @Override
        public boolean canKillWorker() {
            return dev.poolscope.engine.RunEngine.standard().pools().find(spec.pool())
                    .map(dev.poolscope.pool.PoolKind::usesProcesses).orElse(false);
        }

        @Override
        public long killWorker(int slot) {
            HostEvent.Answer a = request(id -> new HostRequest.KillWorker(id, slot));
            if (a instanceof HostEvent.Killed k) {
                return k.pid();
            }
            if (a instanceof HostEvent.Failed f && f.message().startsWith("only a process pool")) {
                throw new UnsupportedOperationException(f.message());
            }
            throw failure(a);
        }

        @Override
        public boolean stopAndAwait(Duration timeout) throws InterruptedException {
            stop();
            try {
                report.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException e) {
                return true; // the host is gone, and with it the run
            } catch (TimeoutException e) {
                return false;
            }
        }

        @Override
        public Run local() {
            return null;
        }
    }
}
