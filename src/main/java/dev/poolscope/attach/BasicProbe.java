package dev.poolscope.attach;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads pools from thread dumps alone: the pool list, threads per pool, and busy or idle workers. Nothing is
 * loaded into the target; the management agent that attaching started stays running there (the JDK cannot stop
 * it).
 */
public final class BasicProbe implements Probe {
    private final TargetConnection target;

    /** A probe over an open connection (which the caller closes). */
    public BasicProbe(TargetConnection target) {
        this.target = target;
    }

    @Override
    public String mode() {
        return "basic";
    }

    @Override
    public List<PoolSample> read() throws AttachException {
        List<PoolSample> out = new ArrayList<>();
        for (PoolThreads t : ThreadDumps.read(target)) {
            out.add(PoolSample.ofThreads(t));
        }
        return out;
    }

    @Override
    public List<String> limits() {
        List<String> l = new ArrayList<>();
        l.add("basic mode sees threads only: queue depth, completed and rejected tasks, wait and service times need --deep");
        if (target.feature() < LocalJvms.JSON_DUMP) {
            l.add("JDK " + target.feature() + " has no JSON thread dump: pools are grouped by thread names");
        }
        return l;
    }

    @Override
    public void close() {
        // nothing was loaded
    }
}
