package dev.poolscope.process.fault;

import dev.poolscope.workload.ParamSpec;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.Workload;

import java.util.List;

/**
 * {@code bigresult}: returns a byte array of {@code mib} MiB, to show what
 * moving large results between processes costs (and the frame size limit).
 */
public final class BigResultWorkload implements Workload {
    @Override public String name() { return "bigresult"; }
    @Override public String description() { return "returns a 'mib' MiB byte array from its worker"; }
    @Override public boolean requiresProcess() { return true; }
    @Override public int order() { return 206; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("mib", "result size in MiB (the frame limit is 96 MiB)", 8, 0, 128));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        int bytes = (int) Math.min(Integer.MAX_VALUE - 16, (long) (p.get("mib") * 1024 * 1024));
        return i -> () -> {
            byte[] b = new byte[bytes];
            for (int k = 0; k < bytes; k += 4096) {
                b[k] = (byte) (i + k);
            }
            return b;
        };
    }
}
