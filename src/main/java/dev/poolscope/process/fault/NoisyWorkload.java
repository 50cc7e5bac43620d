package dev.poolscope.process.fault;

import dev.poolscope.workload.ParamSpec;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.Workload;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code noisy}: writes {@code lines} lines of text and {@code bytes} raw
 * bytes (all 256 values, repeated) to both {@code System.out} and
 * {@code System.err}, then returns its index. In a worker both go to the
 * worker's log, never into the protocol channel; this workload proves it.
 */
public final class NoisyWorkload implements Workload {
    @Override public String name() { return "noisy"; }
    @Override public String description() { return "prints text and raw bytes to stdout and stderr, then succeeds"; }
    @Override public boolean requiresProcess() { return true; }
    @Override public int order() { return 205; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.integer("lines", "text lines written to each stream", 3, 0, 100_000),
                ParamSpec.integer("bytes", "raw bytes written to each stream", 256, 0, 10_000_000));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        long lines = p.getLong("lines");
        int bytes = (int) p.getLong("bytes");
        return i -> () -> {
            WorkerOnly.check("noisy");
            byte[] raw = new byte[bytes];
            for (int k = 0; k < bytes; k++) {
                raw[k] = (byte) k;
            }
            // System.out is the worker's log here (WorkerMain points it there), never the protocol channel
            for (PrintStream s : List.of(System.out, System.err)) {
                for (long k = 0; k < lines; k++) {
                    s.println("noisy task " + i + " line " + k);
                }
                s.write(raw, 0, raw.length);
                s.println();
                s.flush();
            }
            return i;
        };
    }
}
