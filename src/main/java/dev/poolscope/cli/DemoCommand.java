package dev.poolscope.cli;

import dev.poolscope.pool.FixedWorkerPool;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.AddWorkload;
import dev.poolscope.workload.SquareWorkload;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code poolscope demo seed}: the tutorial's examples, done right; {@code poolscope demo pools}: an application
 * with known pools to try {@code jvms} and {@code watch} on ({@link DemoPools}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay a built-in demo. 'seed' replays the tutorial's ThreadPoolOptimizer examples; "
                + "'pools' runs a ThreadPoolExecutor of 4 threads doing 5 ms tasks and a 1-thread pool with a queue of 2 "
                + "that rejects, until Ctrl-C or --duration, for 'poolscope jvms' and 'poolscope watch PID' to find.")
public final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @CommandLine.Parameters(index = "0", paramLabel = "NAME", description = "demo to replay: seed, pools")
    String name;

    @CommandLine.Option(names = "--workers", defaultValue = "4", description = "workers, as the tutorial's max_workers=4 (default: ${DEFAULT-VALUE})")
    int workers;

    @CommandLine.Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "pools: how long to run (default: until Ctrl-C)")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        if ("pools".equals(name)) {
            return pools();
        }
        if (!"seed".equals(name)) {
            throw new IllegalArgumentException("unknown demo '" + name + "'; allowed: seed, pools");
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("--workers: must be between 1 and 64, was " + workers);
        }
        PrintWriter out = cmd.commandLine().getOut();
        out.printf("The tutorial's examples on a fixed pool of %d workers (each task sleeps 0.1 s):%n%n", workers);
        try (WorkerPool pool = new FixedWorkerPool(PoolConfig.of(workers))) {
            out.println("Submitting single task:");
            long t = System.nanoTime();
            pool.submitTask("task1", () -> SquareWorkload.square(5, 100));
            long r = pool.getResult("task1", Duration.ofSeconds(10));
            out.printf(Locale.ROOT, "Result: %d   (%.3f s)%n%n", r, secs(t));

            out.println("Processing multiple tasks:");
            t = System.nanoTime();
            List<Long> squares = pool.map(x -> SquareWorkload.square(x, 100), range(10));
            out.printf(Locale.ROOT, "Results: %s   (%.3f s, input order)%n%n", squares, secs(t));

            out.println("Batch processing tasks:");
            t = System.nanoTime();
            List<Long> batched = pool.batch(x -> SquareWorkload.square(x, 100), range(20), 5);
            out.printf(Locale.ROOT, "Results: %s   (%.3f s, batches of 5, pipelined without a barrier)%n%n", batched, secs(t));

            out.println("Processing multi-parameter tasks:");
            t = System.nanoTime();
            List<Map.Entry<Long, Long>> pairs = range(5).stream().map(i -> Map.entry(i, i + 1)).toList();
            List<Long> sums = pool.starmap((a, b) -> AddWorkload.add(a, b, 100), pairs);
            out.printf(Locale.ROOT, "Results: %s   (%.3f s, input order)%n", sums, secs(t));
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        return 0;
    }

    private int pools() throws InterruptedException {
        if (duration != null && (duration.isNegative() || duration.isZero() || duration.toHours() > 24)) {
            throw new IllegalArgumentException("--duration must be between 1ms and 24h, was " + duration);
        }
        PrintWriter out = cmd.commandLine().getOut();
        long pid = ProcessHandle.current().pid();
        try (DemoPools pools = new DemoPools()) {
            out.printf("PID %d runs two pools: work-* (ThreadPoolExecutor, 4 threads, 5 ms tasks, about 400 a second) "
                    + "and reject-* (1 thread, queue of 2, a 10 ms task offered every 5 ms: about half rejected).%n", pid);
            out.printf("Watch them from another terminal: poolscope jvms; poolscope watch %d; poolscope watch %d --deep%n", pid, pid);
            out.println(duration == null ? "Ctrl-C ends it." : "It ends after " + duration.toMillis() + " ms.");
            out.flush();
            long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
            }
            out.printf("completed %d + %d tasks, rejected %d%n", pools.work.getCompletedTaskCount(),
                    pools.reject.getCompletedTaskCount(), pools.rejected());
        }
        return 0;
    }

    private static List<Long> range(int n) {
        return IntStream.range(0, n).mapToObj(i -> (long) i).toList();
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
