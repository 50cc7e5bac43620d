package dev.poolscope.ui.attach;

import dev.poolscope.attach.AttachException;
import dev.poolscope.attach.BasicProbe;
import dev.poolscope.attach.DeepProbe;
import dev.poolscope.attach.PoolFigures;
import dev.poolscope.attach.Probe;
import dev.poolscope.attach.TargetConnection;
import dev.poolscope.attach.Watch;
import dev.poolscope.attach.WorkloadTwins;
import dev.poolscope.workload.TwinFile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Watches one target JVM on a thread of its own for the attach view, handing each reading to a listener (on that
 * thread). One watch at a time; {@link #stop()} ends it, detaching (and removing the deep probe's advice), and
 * waits for it a bounded time.
 */
final class AttachSession {
    /**
     * One reading, or the end of the watch.
     *
     * @param pid the target
     * @param mode {@code basic} or {@code deep}, or null before attaching
     * @param javaVersion the target's Java version, or null before attaching
     * @param pools the pools' figures so far
     * @param limits what the mode cannot see, and why deep mode was refused if it was
     * @param ended null while watching, else how it ended
     */
    record Update(long pid, String mode, String javaVersion, List<PoolFigures> pools, List<String> limits, String ended) {
    }

    private final AtomicReference<Thread> worker = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile Watch current;
    private volatile long currentPid;

    /**
     * The workload twin of one pool of the running watch; readings wait meanwhile.
     *
     * @throws AttachException when no deep watch runs, or it has not measured enough tasks yet
     */
    TwinFile twin(String pool) throws AttachException {
        Watch w = current;
        if (w == null || !w.mode().equals("deep")) {
            throw new AttachException("sizing in the lab needs a watch in deep mode (per-task CPU and blocked times)");
        }
        synchronized (w) {
            PoolFigures p = w.figures().stream().filter(f -> f.name().equals(pool)).findFirst()
                    .orElseThrow(() -> new AttachException("pool " + pool + " is not watched"));
            return WorkloadTwins.of(w, p, currentPid);
        }
    }

    /** Starts watching {@code pid}; a watch already running is stopped first. */
    void start(long pid, boolean deep, Duration interval, Consumer<Update> listener) {
        stop();
        stopping = false;
        Thread t = new Thread(() -> watch(pid, deep, interval, listener), "poolscope-attach-" + pid);
        t.setDaemon(true);
        worker.set(t);
        t.start();
    }

    private void watch(long pid, boolean deep, Duration interval, Consumer<Update> listener) {
        TargetConnection target;
        try {
            target = TargetConnection.open(pid);
        } catch (AttachException e) {
            listener.accept(new Update(pid, null, null, List.of(), List.of(), "cannot attach: " + e.getMessage()));
            return;
        }
        List<String> refused = new ArrayList<>();
        Probe probe = new BasicProbe(target);
        if (deep) {
            try {
                // CPU times of more tasks than the command line's default, so that a twin can be made soon
                probe = DeepProbe.open(target, DeepProbe.TWIN_CPU_SAMPLE_BITS);
            } catch (AttachException e) {
                refused.add("deep mode unavailable: " + e.getMessage());
            }
        }
        String ended = "stopped";
        try (target; Probe p = probe) {
            Watch watch = new Watch(target, p);
            currentPid = pid;
            current = watch;
            List<String> limits = new ArrayList<>(refused);
            limits.addAll(p.limits());
            while (!stopping) {
                try {
                    List<PoolFigures> figures;
                    synchronized (watch) {
                        figures = watch.sample();
                    }
                    listener.accept(new Update(pid, p.mode(), target.javaVersion(), figures, limits, null));
                } catch (AttachException e) {
                    ended = target.targetAlive() ? "lost: " + e.getMessage() : "the target exited";
                    break;
                }
                long until = System.nanoTime() + interval.toNanos();
                while (!stopping && System.nanoTime() < until) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        stopping = true;
                    }
                }
            }
            current = null;
            listener.accept(new Update(pid, p.mode(), target.javaVersion(), watch.figures(), limits, ended));
        }
    }

    /** Stops the watch, if any, and waits up to 10 s for it to detach. */
    void stop() {
        stopping = true;
        Thread t = worker.getAndSet(null);
        if (t != null) {
            // no interrupt: a JMX call cut short could leave the deep probe to detach itself later
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
