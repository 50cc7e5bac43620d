package dev.poolscope.workload;

import java.util.List;

/** {@code cpu}: counts the primes below {@code size}; pure CPU work, no allocation. */
public final class CpuWorkload implements Workload {
    @Override public String name() { return "cpu"; }
    @Override public String description() { return "CPU-bound: count the primes below 'size' by trial division"; }
    @Override public int order() { return 10; }
    @Override public boolean knowsSizes() { return true; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.integer("size", "count primes below this number (50000 takes about 1 ms)", 50_000, 2, 100_000_000));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        long size = p.getLong("size");
        long nanos = size * 20; // about 1 ms per 50000, a scheduler's estimate
        return TaskSource.sized(i -> () -> Work.countPrimes(size), i -> nanos);
    }
}
