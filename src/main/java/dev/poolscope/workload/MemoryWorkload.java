package dev.poolscope.workload;

import java.util.List;

/** {@code memory}: allocates {@code kib} KiB and touches every page. */
public final class MemoryWorkload implements Workload {
    @Override public String name() { return "memory"; }
    @Override public String description() { return "allocate 'kib' KiB per task and touch every 4 KiB page"; }
    @Override public int order() { return 50; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.integer("kib", "memory per task in KiB", 1024, 1, 1_048_576));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        int bytes = (int) Math.min(Integer.MAX_VALUE - 16, p.getLong("kib") * 1024);
        return i -> () -> {
            byte[] block = new byte[bytes];
            long sum = 0;
            for (int off = 0; off < bytes; off += 4096) {
                block[off] = (byte) (i + off);
                sum += block[off];
            }
            return sum;
        };
    }
}
