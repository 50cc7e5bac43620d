package dev.poolscope.bench.jmh;

import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.workload.WorkloadSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How each pool kind scales CPU work: a whole {@link Run} of {@value #TASKS}
 * {@code cpu} tasks (primes below 100000, about 3 ms each) on 1 worker and on 2;
 * the speedup of a kind is its {@code workers=1} score over its {@code workers=2}
 * score. A bare JDK baseline needs no row here: {@code ExecuteOverheadBenchmark}
 * with {@code task=cpu10us} compares the pools with their bare executors.
 *
 * <p>Run:
 * <pre>
 * mvn -Pjmh -DskipTests package
 * java -jar target/benchmarks.jar ScalingBenchmark
 * java -jar target/benchmarks.jar ScalingBenchmark -p kind=process
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class ScalingBenchmark {
    /** Tasks per run. */
    public static final int TASKS = 200;

    /** A registry name of a pool kind. */
    @Param({"fixed", "virtual", "forkjoin", "process"})
    public String kind;

    /** Workers of the run. */
    @Param({"1", "2"})
    public int workers;

    @Benchmark
    public RunReport run() throws Exception {
        RunSpec spec = RunSpec.of(kind, workers, WorkloadSpec.parse("cpu:size=100000"), TASKS);
        try (Run run = RunEngine.standard().start(spec)) {
            RunReport r = run.await(Duration.ofMinutes(5));
            if (r.counts().succeeded() != TASKS) {
                throw new IllegalStateException("run ended with " + r.counts());
            }
            return r;
        }
    }
}
