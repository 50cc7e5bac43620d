package dev.poolscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.TaskFunction;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.Work;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * PoolScope against the tutorial's own Python stack, in the same sitting: the
 * script {@code tutorial_bench.py} shipped in this package times
 * {@code ThreadPoolExecutor} (submit + as_completed) and
 * {@code multiprocessing.Pool.map} with chunksize 1 and the default chunksize,
 * on no-op tasks and on the same CPU task (counting primes by trial division).
 * PoolScope does the same work through its {@code fixed} pool ({@code map}: a
 * task per item) and its {@code process} pool (a task per item, the built-in
 * {@code noop} and {@code cpu} workloads sent by name, against chunksize 1; its
 * own {@code map} of a serializable function, which sends items in chunks,
 * against the default chunksize), once before and once after the script; each
 * PoolScope figure is the mean of the two, and each of those is the median of
 * three timed passes after untimed warm-up passes (the steady rate, as Python's
 * figures are: its workers start warm and it has no compiler to wait for).
 *
 * <p>Python is looked up as {@code python3} on the {@code PATH}; when it is
 * absent the section is null with a reason.
 */
public final class PythonBench {
    /** The script's resource name, next to this class. */
    public static final String SCRIPT = "tutorial_bench.py";

    /**
     * One figure of the Python side.
     *
     * @param runner e.g. {@code Pool.map chunksize=1}
     * @param task {@code noop} or {@code cpu}
     * @param perSecond tasks per second
     */
    public record PythonFigure(String runner, String task, double perSecond) {
    }

    /**
     * One comparison: PoolScope's figure over Python's.
     *
     * @param poolscope what PoolScope ran, e.g. {@code process x2 map}
     * @param python the Python runner it is compared with
     * @param task {@code noop} or {@code cpu}
     * @param poolscopePerSecond PoolScope's tasks per second
     * @param pythonPerSecond Python's tasks per second
     * @param ratio PoolScope / Python
     */
    public record Ratio(String poolscope, String python, String task, double poolscopePerSecond,
                        double pythonPerSecond, double ratio) {
    }

    /**
     * The {@code python} section.
     *
     * @param version the interpreter, e.g. {@code CPython 3.11.7}
     * @param startMethod multiprocessing's start method
     * @param workers workers on both sides
     * @param cpuSize the CPU task's size on both sides
     * @param results the Python figures
     * @param ratios PoolScope against each
     */
    public record Result(String version, String startMethod, int workers, int cpuSize, List<PythonFigure> results,
                         List<Ratio> ratios) {
    }

    private final BenchConfig config;
    private final PoolRegistry registry;
    private final int workers;
    private final Consumer<String> progress;

    public PythonBench(BenchConfig config, PoolRegistry registry, int workers, Consumer<String> progress) {
        this.config = config;
        this.registry = registry;
        this.workers = workers;
        this.progress = progress;
    }

    /** {@code python3} on the {@code PATH}, if any. */
    public static Optional<Path> findPython() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "python3");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs both sides with the given interpreter. */
    public Result run(Path python) throws IOException, InterruptedException, ExecutionException {
        boolean hasProcess = registry.find(ProcessPoolBench.KIND).isPresent();
        progress.accept("python: PoolScope side, first pass");
        double[] first = poolscopeSide(hasProcess);
        progress.accept("python: the tutorial's stack (" + python + ")");
        JsonNode py = runScript(python);
        progress.accept("python: PoolScope side, second pass");
        double[] second = poolscopeSide(hasProcess);
        double[] ps = new double[first.length];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = (first[i] + second[i]) / 2;
        }
        List<PythonFigure> figures = new ArrayList<>();
        for (JsonNode r : py.path("results")) {
            figures.add(new PythonFigure(r.path("runner").asText(), r.path("task").asText(),
                    Stats.round(r.path("perSecond").asDouble(), 1)));
        }
        List<Ratio> ratios = new ArrayList<>();
        String fixed = "fixed x" + workers + " map";
        ratio(ratios, fixed, figures, "ThreadPoolExecutor", "noop", ps[0]);
        ratio(ratios, fixed, figures, "ThreadPoolExecutor", "cpu", ps[1]);
        if (hasProcess) {
            String each = "process x" + workers + " task per item";
            String map = "process x" + workers + " map";
            ratio(ratios, each, figures, "Pool.map chunksize=1", "noop", ps[2]);
            ratio(ratios, map, figures, "Pool.map default chunksize", "noop", ps[3]);
            ratio(ratios, each, figures, "Pool.map chunksize=1", "cpu", ps[4]);
            ratio(ratios, map, figures, "Pool.map default chunksize", "cpu", ps[5]);
        }
        return new Result(py.path("python").asText(), py.path("startMethod").asText(), workers, config.pythonCpuSize(),
                figures, ratios);
    }

    private static void ratio(List<Ratio> out, String what, List<PythonFigure> figures, String runner, String task,
                              double perSecond) {
        figures.stream().filter(f -> f.runner().equals(runner) && f.task().equals(task)).findFirst()
                .ifPresent(f -> out.add(new Ratio(what, runner, task, Stats.round(perSecond, 1), f.perSecond(),
                        Stats.round(perSecond / f.perSecond(), 2))));
    }

    /**
     * Tasks per second: [fixed map noop, fixed map cpu, process per-task noop,
     * process map noop, process per-task cpu, process map cpu]. "Per task" submits
     * one task per item (what {@code Pool.map} with chunksize 1 does); {@code map}
     * is the pool's own (the process pool sends items in chunks).
     */
    private double[] poolscopeSide(boolean hasProcess) throws InterruptedException, ExecutionException {
        double[] out = new double[6];
        List<Integer> noopItems = items(config.pythonNoopTasks());
        List<Integer> cpuItems = items(config.pythonCpuTasks());
        List<Integer> mapItems = items(config.mapItems());
        TaskFunction<Integer, Integer> noop = PythonBench::noop;
        TaskFunction<Integer, Integer> cpu = cpuTask(config.pythonCpuSize());
        try (Closing f = new Closing(registry.create("fixed", PoolConfig.of(workers)))) {
            out[0] = steady(3, noopItems.size(), () -> f.pool.map(noop, noopItems));
            out[1] = steady(1, cpuItems.size(), () -> f.pool.map(cpu, cpuItems));
        }
        if (hasProcess) {
            WorkloadSpec noopSpec = WorkloadSpec.of("noop");
            WorkloadSpec cpuSpec = WorkloadSpec.parse("cpu:size=" + config.pythonCpuSize());
            try (Closing p = new Closing(registry.create(ProcessPoolBench.KIND, PoolConfig.of(workers)))) {
                // Python's forked workers start warm and it has no JIT to wait for; the JVMs here (this one
                // and the workers) compile the hot paths first. Measured: the first pass of 100k per-task
                // no-ops ran at about a third of the warm rate, and chunked map took about ten passes of
                // 100k items to reach its steady rate (0.6M, then 3-5M, then 9-14M items/s).
                out[2] = steady(2, noopItems.size(), () -> perTask(p.pool, noopSpec, noopItems.size()));
                out[3] = steady(10, mapItems.size(), () -> p.pool.map(noop, mapItems));
                out[4] = steady(1, cpuItems.size(), () -> perTask(p.pool, cpuSpec, cpuItems.size()));
                out[5] = steady(1, cpuItems.size(), () -> p.pool.map(cpu, cpuItems));
            }
        }
        return out;
    }

    /**
     * One task per item, results in order: what {@code Pool.map(..., chunksize=1)}
     * does. The tasks are built-in workloads, which a process pool sends by name
     * and index, as Python sends a function by name and its argument.
     */
    private static List<Object> perTask(WorkerPool pool, WorkloadSpec spec, int n)
            throws InterruptedException, ExecutionException {
        TaskSource source = WorkloadTask.resolve(spec, 42);
        List<java.util.concurrent.Future<Object>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(new WorkloadTask(spec, 42, i, source)));
        }
        List<Object> out = new ArrayList<>(n);
        for (java.util.concurrent.Future<Object> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    private static Integer noop(Integer i) {
        return i;
    }

    private static TaskFunction<Integer, Integer> cpuTask(int size) {
        return i -> Work.countPrimes(size);
    }

    private static List<Integer> items(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private interface Job {
        List<?> run() throws InterruptedException, ExecutionException;
    }

    /** The steady rate: {@code warm} untimed passes, then the median of three timed ones. */
    private static double steady(int warm, int n, Job job) throws InterruptedException, ExecutionException {
        for (int i = 0; i < warm; i++) {
            job.run();
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rates.add(rate(n, job));
        }
        return Stats.median(rates);
    }

    private static double rate(int n, Job job) throws InterruptedException, ExecutionException {
        long t0 = System.nanoTime();
        List<?> r = job.run();
        long wall = System.nanoTime() - t0;
        if (r.size() != n) {
            throw new IllegalStateException("expected " + n + " results, got " + r.size());
        }
        return n / (wall / 1e9);
    }

    private record Closing(WorkerPool pool) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            pool.shutdown();
            if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
    }

    private JsonNode runScript(Path python) throws IOException, InterruptedException {
        Path script = Files.createTempFile("poolscope-tutorial-bench", ".py");
        try {
            try (InputStream in = PythonBench.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IOException("the script " + SCRIPT + " is missing from the class path");
                }
                Files.write(script, in.readAllBytes());
            }
            Path err = Files.createTempFile("poolscope-tutorial-bench", ".err");
            try {
                Process p = new ProcessBuilder(python.toString(), script.toString(),
                        "--workers", String.valueOf(workers),
                        "--noop-tasks", String.valueOf(config.pythonNoopTasks()),
                        "--map-items", String.valueOf(config.mapItems()),
                        "--cpu-tasks", String.valueOf(config.pythonCpuTasks()),
                        "--cpu-size", String.valueOf(config.pythonCpuSize()))
                        .redirectError(err.toFile())
                        .start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IOException("the Python script did not finish in 5 minutes");
                }
                if (p.exitValue() != 0) {
                    throw new IOException("the Python script failed (exit " + p.exitValue() + "): "
                            + Files.readString(err).strip());
                }
                return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(err);
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
