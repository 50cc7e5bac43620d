package dev.poolscope.attach;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pools from thread dumps: the pool list, threads per pool, and busy or idle workers; on JDK 25 targets,
 * service times and completions of {@code ThreadPoolExecutor}s from JFR method tracing ({@link TaskTrace}); the
 * application's own Micrometer {@code executor.*} meters where it publishes them over JMX ({@link MicrometerMeters}).
 * Nothing is loaded into the target; the management agent that attaching started stays running there (the JDK
 * cannot stop it).
 */
public final class BasicProbe implements Probe {
    private final TargetConnection target;
    private final TaskTrace trace;
    private final String traceLimit;
    private volatile boolean metered;

    /**
     * A probe over an open connection (which the caller closes). On a JDK 25 target it also starts a JFR
     * recording that traces {@code ThreadPoolExecutor::getTask} for service times, ended by {@link #close()}.
     */
    public BasicProbe(TargetConnection target) {
        this.target = target;
        StringBuilder why = new StringBuilder();
        this.trace = target.feature() >= 25 ? TaskTrace.start(target, why) : null;
        this.traceLimit = why.isEmpty() ? null : why.toString();
    }

    @Override
    public String mode() {
        return "basic";
    }

    @Override
    public List<PoolSample> read() throws AttachException {
        List<PoolSample> out = new ArrayList<>();
        for (PoolThreads t : ThreadDumps.read(target)) {
            PoolSample s = PoolSample.ofThreads(t);
            ProbeHistogram service = trace == null || !t.kind().equals(PoolKinds.THREAD_POOL_EXECUTOR) ? null
                    : trace.service(t.threads());
            if (service != null) {
                s = new PoolSample(s.name(), s.kind(), s.threads(), s.active(), null, service.count(), null, service,
                        null, null, s.workers(), null, null, "completed and service times from JFR method tracing, about 1 s late");
            }
            out.add(s);
        }
        try {
            List<PoolSample> meters = MicrometerMeters.read(target.mbeans());
            metered = !meters.isEmpty();
            out.addAll(meters);
        } catch (IOException e) {
            throw new AttachException("lost the connection to PID " + target.pid() + ": " + TargetConnection.oneLine(e), e);
        }
        return out;
    }

    @Override
    public List<String> limits() {
        List<String> l = new ArrayList<>();
        if (trace != null) {
            l.add("basic mode: threads from thread dumps, service times and completions of ThreadPoolExecutors from JFR "
                    + "method tracing of getTask; queue depth, rejections and wait times need --deep");
        } else {
            l.add("basic mode sees threads only: queue depth, completed and rejected tasks, wait and service times need --deep");
        }
        if (traceLimit != null) {
            l.add(traceLimit);
        }
        if (metered) {
            l.add("the pools named " + MicrometerMeters.PREFIX + "NAME are the application's own Micrometer executor.* meters "
                    + "(pool size, active, queued, completed as it counts them), read over JMX");
        }
        if (target.feature() < LocalJvms.JSON_DUMP) {
            l.add("JDK " + target.feature() + " has no JSON thread dump: pools are grouped by thread names");
        }
        return l;
    }

    @Override
    public void close() {
        if (trace != null) {
            trace.close();
        }
    }
}
