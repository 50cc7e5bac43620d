package dev.poolscope.process;

import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.pool.WorkerDetail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the process pool reports about its workers: snapshots, logs, per-slot details and notes. Figures are approximate. */
final class WorkerReports {
    private final WorkerSupervisor sup;

    WorkerReports(WorkerSupervisor sup) {
        this.sup = sup;
    }

    /** Snapshots of the current worker slots: state, PID, tasks, restarts, CPU, RSS, start-up. Busy fraction is -1 here. */
    List<WorkerSnapshot> snapshots() {
        sup.lock.lock();
        try {
            List<WorkerSnapshot> out = new ArrayList<>();
            for (WorkerSlot s : sup.slots) {
                WorkerChannel c = s.channel;
                out.add(new WorkerSnapshot(s.id, "process-" + s.id, s.shown(), -1, s.tasks, s.restarts,
                        c == null ? s.lastPid : c.pid, c == null ? -1 : c.cpuNanos, c == null ? -1 : c.rssBytes,
                        c == null || c.startupMillis < 0 ? -1 : c.startupMillis, s.id));
            }
            return out;
        } finally {
            sup.lock.unlock();
        }
    }

    /** The last lines of a worker slot's current process log (what its tasks printed, JVM warnings). */
    List<String> log(int id) {
        sup.lock.lock();
        try {
            for (WorkerSlot s : sup.slots) {
                if (s.id == id && s.channel != null) {
                    return s.channel.log.lines();
                }
            }
            return List.of();
        } finally {
            sup.lock.unlock();
        }
    }

    List<WorkerDetail> details() {
        sup.lock.lock();
        try {
            List<WorkerSlot> all = new ArrayList<>(sup.retiredSlots);
            all.addAll(sup.slots);
            all.sort(Comparator.comparingInt(s -> s.id));
            List<WorkerDetail> out = new ArrayList<>();
            for (WorkerSlot s : all) {
                long pid = s.channel != null ? s.channel.pid : s.lastPid;
                out.add(new WorkerDetail(s.id, pid, s.tasks, s.restarts, s.startups, s.exitReasons));
            }
            return out;
        } finally {
            sup.lock.unlock();
        }
    }

    List<String> notes(long timeoutNanos, java.time.Duration cancelGrace) {
        List<Double> startups = new ArrayList<>();
        long restarts = 0;
        for (WorkerDetail d : details()) {
            startups.addAll(d.startupMillis());
            restarts += d.restarts();
        }
        List<String> notes = new ArrayList<>();
        if (!startups.isEmpty()) {
            startups.sort(null);
            notes.add(String.format("worker start-up to ready: p50 %.1f ms over %d starts", startups.get(startups.size() / 2),
                    startups.size()));
        }
        if (restarts > 0) {
            notes.add(restarts + " worker process(es) replaced (crash, kill, timeout, freeze or recycling)");
        }
        if (timeoutNanos > 0) {
            notes.add("a task past its timeout is stopped by killing its worker process, which is then replaced");
        }
        long cancelled;
        sup.lock.lock();
        try {
            cancelled = sup.cancelledWhileRunning;
        } finally {
            sup.lock.unlock();
        }
        if (cancelled > 0) {
            notes.add(cancelled + " task(s) were cancelled after their worker had started them: cancel(true)"
                    + " interrupted them (a worker whose task ignored it for " + cancelGrace.toMillis()
                    + " ms was replaced); with cancel(false) they ran to the end and their results were dropped");
        }
        return notes;
    }

    /** See {@link ProcessWorkerPool#killWorker}: marks the slot's process killed on request and kills it. */
    long killWorker(int id) {
        WorkerChannel c;
        sup.lock.lock();
        try {
            WorkerSlot s = sup.slots.stream().filter(x -> x.id == id).findFirst()
                    .orElseThrow(() -> new java.util.NoSuchElementException("no worker " + id + " in this pool"));
            c = s.channel;
            if (c == null || c.phase() == WorkerChannel.Phase.DEAD) {
                return -1;
            }
            c.markBroken("killed on request");
        } finally {
            sup.lock.unlock();
        }
        c.destroyTree();
        return c.pid;
    }

    /** The ids of the current (not retired) worker slots. */
    List<Integer> ids() {
        sup.lock.lock();
        try {
            return sup.slots.stream().map(s -> s.id).toList();
        } finally {
            sup.lock.unlock();
        }
    }

    /** The process ids of the live worker processes. */
    List<Long> pids() {
        return sup.live.stream().filter(c -> c.phase() != WorkerChannel.Phase.DEAD).map(c -> c.pid).toList();
    }

    /** The pool's state for its {@code toString}: size, ready and live workers, queued and held tasks, run state. */
    String describe() {
        sup.lock.lock();
        try {
            int holding = 0;
            for (WorkerChannel c : sup.live) {
                holding += c.inFlight.size();
            }
            return "workers=" + sup.target + ", ready=" + sup.readyCount() + ", live processes=" + sup.live.size()
                    + ", queued=" + sup.queue.size() + ", in flight=" + holding
                    + (sup.terminated ? ", terminated" : sup.shutdown ? ", shutting down" : ", running");
        } finally {
            sup.lock.unlock();
        }
    }
}
