package dev.poolscope.attach;

import dev.poolscope.agent.boot.Buckets;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.management.jfr.RemoteRecordingStream;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Service times from JFR method tracing (JDK 25 targets): a recording streamed over the JMX connection traces
 * {@code ThreadPoolExecutor::getTask}; on one worker, the gap between one return from {@code getTask} and the next
 * call is one task's service time. Events arrive about a second late. The recording ends when this is closed.
 * Thread-safe: the stream's thread records, any thread reads.
 */
final class TaskTrace implements AutoCloseable {
    private final RemoteRecordingStream stream;
    /** Per worker thread id: the last return from getTask, and its histogram (index 0 the count). */
    private final Map<Long, Instant> lastReturn = new HashMap<>();
    private final Map<Long, long[]> perThread = new HashMap<>();

    private TaskTrace(RemoteRecordingStream stream) {
        this.stream = stream;
    }

    /** Starts tracing, or returns null with the reason in {@code why} when the target cannot. */
    static TaskTrace start(TargetConnection target, StringBuilder why) {
        try {
            RemoteRecordingStream s = new RemoteRecordingStream(target.mbeans());
            s.enable("jdk.MethodTrace").with("filter", "java.util.concurrent.ThreadPoolExecutor::getTask")
                    .withoutStackTrace().withoutThreshold();
            s.setMaxAge(Duration.ofSeconds(30));
            TaskTrace t = new TaskTrace(s);
            s.onEvent("jdk.MethodTrace", t::record);
            s.startAsync();
            return t;
        } catch (IOException | RuntimeException e) {
            why.append("JFR method tracing unavailable: ").append(TargetConnection.oneLine(e));
            return null;
        }
    }

    private synchronized void record(RecordedEvent e) {
        RecordedThread th = e.getThread();
        if (th == null) {
            return;
        }
        long tid = th.getJavaThreadId();
        Instant previous = lastReturn.put(tid, e.getEndTime());
        if (previous != null) {
            long nanos = Duration.between(previous, e.getStartTime()).toNanos();
            if (nanos >= 0) {
                long[] h = perThread.computeIfAbsent(tid, k -> new long[Buckets.COUNT + 1]);
                h[0]++;
                h[Buckets.index(nanos) + 1]++;
            }
        }
    }

    /** The service times traced so far on these worker threads, or null when none of them was traced. */
    synchronized ProbeHistogram service(Iterable<WorkerThread> workers) {
        long[] sum = null;
        for (WorkerThread w : workers) {
            long[] h = perThread.get(w.id());
            if (h != null) {
                if (sum == null) {
                    sum = new long[Buckets.COUNT + 1];
                }
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += h[i];
                }
            }
        }
        return sum == null ? null : ProbeHistogram.of(sum);
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (RuntimeException ignored) {
            // the connection is gone
        }
    }
}
