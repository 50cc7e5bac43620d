package dev.poolscope.tuning;

import dev.poolscope.pool.Completion;
import dev.poolscope.pool.FixedWorkerPool;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.Work;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Built-in demonstrations that lessons can name: the tutorial's own bugs, each
 * measured next to the correct version on a real {@link WorkerPool}.
 * <ul>
 * <li>{@code tutorial-bugs}: completion order against input order; a barrier
 *     per batch against one pipelined map; a busy-waiting result lookup against
 *     a blocking one (CPU time of the waiting thread).</li>
 * </ul>
 * Each demo takes about a second, returns its findings as lines of text and
 * prints nothing. Interrupting the calling thread stops it.
 */
public final class TutorialDemos {
    /** The demo of the tutorial's bugs. */
    public static final String TUTORIAL_BUGS = "tutorial-bugs";

    private TutorialDemos() {
    }

    /** What a demonstration found. */
    public record DemoReport(String name, List<String> lines) {
        public DemoReport {
            lines = List.copyOf(lines);
        }
    }

    /** The demo names. */
    public static List<String> names() {
        return List.of(TUTORIAL_BUGS);
    }

    /**
     * Runs a demo on the calling thread.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static DemoReport run(String name) throws InterruptedException, ExecutionException {
        if (!TUTORIAL_BUGS.equals(name)) {
            throw new IllegalArgumentException("unknown demo '" + name + "'; allowed: " + String.join(", ", names()));
        }
        List<String> out = new ArrayList<>();
        try (WorkerPool pool = new FixedWorkerPool(PoolConfig.of(4))) {
            completionOrder(pool, out);
            out.add("");
            batchBarrier(pool, out);
            out.add("");
            busyWait(pool, out);
        } catch (TimeoutException e) {
            throw new ExecutionException("a demo task did not finish in time", e);
        }
        return new DemoReport(name, out);
    }

    /** 1. The tutorial's map_tasks returns results as they finish; map keeps input order. */
    private static void completionOrder(WorkerPool pool, List<String> out) throws InterruptedException, ExecutionException {
        List<Integer> items = IntStream.range(0, 8).boxed().toList();
        // earlier items take longer, so they finish later
        List<Integer> finished;
        try (Stream<Completion<Long>> s = pool.asCompleted(x -> square(x, (8 - x) * 15), items)) {
            finished = s.map(Completion::index).toList();
        }
        List<Long> inOrder = pool.map(x -> square(x, (8 - x) * 15), items);
        List<Long> asTheTutorialReturns = finished.stream().map(i -> (long) i * i).toList();
        out.add("1. Completion order against input order (8 tasks squaring 0..7 on 4 workers, earlier items slower)");
        out.add("   tutorial map_tasks (completion order): " + asTheTutorialReturns + "  <- which result belongs to which input?");
        out.add("   WorkerPool.map (input order):          " + inOrder);
        out.add("   asCompleted keeps the input index with each result: finished in order " + finished);
    }

    /** 2. A barrier per batch waits for each batch's slowest task; one map keeps every worker busy. */
    private static void batchBarrier(WorkerPool pool, List<String> out) throws InterruptedException, ExecutionException {
        List<Integer> items = IntStream.range(0, 20).boxed().toList();
        int batch = 5;
        long t0 = System.nanoTime();
        for (int from = 0; from < items.size(); from += batch) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int x : items.subList(from, from + batch)) {
                futures.add(pool.submit(() -> square(x, x % 5 == 0 ? 80 : 10)));
            }
            for (Future<Long> f : futures) {
                f.get(); // the barrier: the next batch waits for this one's slowest task
            }
        }
        double barrier = millisSince(t0);
        long t1 = System.nanoTime();
        pool.map(x -> square(x, x % 5 == 0 ? 80 : 10), items);
        double pipelined = millisSince(t1);
        out.add("2. Batch barriers (20 tasks in batches of 5 on 4 workers; one task per batch takes 80 ms, the rest 10 ms)");
        out.add(String.format(Locale.ROOT, "   tutorial batch_process (wait for each batch): %6.0f ms", barrier));
        out.add(String.format(Locale.ROOT, "   one WorkerPool.map over all 20 tasks:        %6.0f ms  (%.1fx faster: no worker idles at a barrier)",
                pipelined, barrier / Math.max(1, pipelined)));
    }

    /** 3. The tutorial's get_result re-queues other results in a loop; a future blocks without using the CPU. */
    private static void busyWait(WorkerPool pool, List<String> out)
            throws InterruptedException, ExecutionException, TimeoutException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
        long waitMillis = 200;

        // the tutorial's way: results on one queue; a lookup for one id puts the others back and spins
        record Result(String id, long value) {
        }
        LinkedBlockingQueue<Result> results = new LinkedBlockingQueue<>();
        results.add(new Result("other", 0));
        pool.execute(() -> {
            try {
                results.add(new Result("slow", square(7, waitMillis)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long cpu0 = cpuTime ? mx.getCurrentThreadCpuTime() : 0;
        long t0 = System.nanoTime();
        long spins = 0;
        long busyValue = -1;
        while (busyValue < 0) {
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(5)) {
                throw new TimeoutException("busy wait");
            }
            Result r = results.poll();
            if (r == null) {
                continue;
            }
            if (r.id().equals("slow")) {
                busyValue = r.value();
            } else {
                results.add(r); // put it back and look again: the busy loop
                spins++;
            }
        }
        double busyWall = millisSince(t0);
        double busyCpu = cpuTime ? (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 : Double.NaN;

        // the right way: one future per id, waiting blocks
        pool.submitTask("slow", () -> square(7, waitMillis));
        long cpu1 = cpuTime ? mx.getCurrentThreadCpuTime() : 0;
        long t1 = System.nanoTime();
        long value = pool.<Long>getResult("slow", Duration.ofSeconds(5));
        double blockWall = millisSince(t1);
        double blockCpu = cpuTime ? (mx.getCurrentThreadCpuTime() - cpu1) / 1e6 : Double.NaN;

        out.add("3. Busy waiting (waiting " + waitMillis + " ms for one result while another result is queued)");
        out.add(String.format(Locale.ROOT, "   tutorial get_result (re-queue and retry): %5.0f ms waited, %5.0f ms of CPU burnt, %,d re-queues (result %d)",
                busyWall, busyCpu, spins, busyValue));
        out.add(String.format(Locale.ROOT, "   WorkerPool.getResult (blocks on a future): %5.0f ms waited, %5.1f ms of CPU (result %d)",
                blockWall, blockCpu, value));
    }

    private static long square(long x, double millis) throws InterruptedException {
        Work.sleepNanos((long) (millis * 1e6));
        return x * x;
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
