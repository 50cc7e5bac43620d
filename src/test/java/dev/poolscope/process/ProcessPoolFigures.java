package dev.poolscope.process;

import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.TaskCallable;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A quick, throwaway measurement of the process pool's own costs (not a test,
 * not JMH): worker start-up, tiny-task round trip, pipelined no-op throughput
 * by pipeline depth, chunked {@code map}, and CPU scaling from 1 to 2 workers.
 * Run after {@code mvn -B -q -ntp package -DskipTests} (so workers run from the
 * jar and can use the class-data archive):
 * <pre>
 *   java -cp target/poolscope.jar:target/test-classes dev.poolscope.process.ProcessPoolFigures
 * </pre>
 * Figures on a shared machine move with its load; compare within one run.
 */
public final class ProcessPoolFigures {
    private ProcessPoolFigures() {
    }

    private static WorkloadTask task(String spec, long i) {
        return new WorkloadTask(WorkloadSpec.parse(spec), 1, i, null);
    }

    private static String pct(long[] ns) {
        Arrays.sort(ns);
        return String.format("p50 %.1f us, p99 %.1f us", ns[ns.length / 2] / 1e3, ns[ns.length * 99 / 100] / 1e3);
    }

    public static void main(String[] args) throws Exception {
        ProcessPoolSettings st = ProcessPoolSettings.defaults();
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try (ProcessWorkerPool p = new ProcessWorkerPool(PoolConfig.of(2), st)) {
                p.workerDetails().forEach(d -> starts.addAll(d.startupMillis()));
            }
        }
        Collections.sort(starts);
        System.out.printf("worker start to ready: p50 %.1f ms, min %.1f ms (%d starts, 2 at a time)%n",
                starts.get(starts.size() / 2), starts.get(0), starts.size());

        try (ProcessWorkerPool p = new ProcessWorkerPool(PoolConfig.of(1), st)) {
            WorkloadTask noop = task("noop", 0);
            TaskCallable<Integer> lambda = () -> 1;
            long[] ns = new long[20_000];
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < ns.length; i++) {
                    long s = System.nanoTime();
                    p.submit(noop).get();
                    ns[i] = System.nanoTime() - s;
                }
            }
            System.out.println("round trip, noop workload task by name, one at a time: " + pct(ns));
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < ns.length; i++) {
                    long s = System.nanoTime();
                    p.submit(lambda).get();
                    ns[i] = System.nanoTime() - s;
                }
            }
            System.out.println("round trip, serialized TaskCallable lambda, one at a time: " + pct(ns));
        }

        int n = 200_000;
        for (int round = 0; round < 2; round++) {
            for (int depth : new int[] {1, 2, 4, 8, 16}) {
                try (ProcessWorkerPool p = new ProcessWorkerPool(PoolConfig.of(2), st.withPipelineDepth(depth))) {
                    for (int warm = 0; warm < 2; warm++) {
                        long s = System.nanoTime();
                        List<Future<Object>> fs = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            fs.add(p.submit(task("noop", i)));
                        }
                        for (Future<Object> f : fs) {
                            f.get();
                        }
                        if (warm == 1) {
                            System.out.printf("pipelined no-op submit+get, 2 workers, depth %2d: %,.0f tasks/s%n", depth,
                                    n / ((System.nanoTime() - s) / 1e9));
                        }
                    }
                }
            }
        }

        try (ProcessWorkerPool p = new ProcessWorkerPool(PoolConfig.of(2), st)) {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 1_000_000; i++) {
                items.add(i);
            }
            for (int round = 0; round < 3; round++) {
                long s = System.nanoTime();
                p.map(x -> x, items);
                if (round == 2) {
                    System.out.printf("chunked map of 1M no-op items, 2 workers, chunk %d: %,.0f items/s%n",
                            p.autoChunkSize(items.size()), items.size() / ((System.nanoTime() - s) / 1e9));
                }
            }
        }

        double[] secs = new double[3];
        for (int round = 0; round < 2; round++) {
            for (int w = 1; w <= 2; w++) {
                try (ProcessWorkerPool p = new ProcessWorkerPool(PoolConfig.of(w), st)) {
                    for (int i = 0; i < 10; i++) {
                        p.submit(task("cpu:size=200000", i)).get();
                    }
                    long s = System.nanoTime();
                    List<Future<Object>> fs = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        fs.add(p.submit(task("cpu:size=200000", i)));
                    }
                    for (Future<Object> f : fs) {
                        f.get();
                    }
                    secs[w] = (System.nanoTime() - s) / 1e9;
                }
            }
            System.out.printf("200 cpu:size=200000 tasks: 1 worker %.2f s, 2 workers %.2f s, speed-up %.2fx%n",
                    secs[1], secs[2], secs[1] / secs[2]);
        }
    }
}
