package dev.poolscope.attach;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.tuning.ScalabilityFit;
import dev.poolscope.tuning.ScalabilityModel;
import dev.poolscope.tuning.SweepPoint;
import dev.poolscope.tuning.SweepResult;
import dev.poolscope.tuning.SweepSpec;
import dev.poolscope.workload.TwinFile;
import dev.poolscope.workload.WorkloadSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Sizes a watched pool in the lab: a sweep of PoolScope's {@code fixed} pool (a {@code ThreadPoolExecutor}) over
 * worker counts around the watched pool's size, replaying its twin at its arrival rate, and the answer in the
 * watched pool's terms: the fewest threads that keep its throughput, and what more threads do to its p99.
 */
public final class TwinSizing {
    /** Seconds of arrivals each run of the sweep replays. */
    public static final double RUN_SECONDS = 3;
    /** A count "reaches the same throughput" within this fraction of the watched size's. */
    public static final double SAME_THROUGHPUT = 0.95;

    private TwinSizing() {
    }

    /** Worker counts for a pool of {@code n}: a quarter, half, the same and twice, each at least 1, ascending. */
    public static List<Integer> counts(int n) {
        TreeSet<Integer> c = new TreeSet<>();
        for (int k : new int[]{n / 4, n / 2, n, 2 * n}) {
            c.add(Math.max(1, k));
        }
        return List.copyOf(c);
    }

    /** The sweep that replays {@code twin} (saved at {@code file}) at its arrival rate. */
    public static SweepSpec sweep(Path file, TwinFile twin) {
        long tasks = Math.max(100, Math.min(50_000, Math.round(twin.arrivalPerSecond() * RUN_SECONDS)));
        RunSpec base = RunSpec.of("fixed", twin.threads(), new WorkloadSpec("twin", Map.of("file", file.toString())), tasks)
                .withArrival(new Arrival.Poisson(twin.arrivalPerSecond()));
        return SweepSpec.of(base, List.of("fixed"), counts(twin.threads()));
    }

    /**
     * The answer in the pool's terms, for instance "Your pool of 8 with these tasks: 4 threads reach the same
     * throughput (396 tasks/s); 16 cut p99 from 180 ms to 40 ms.", then the fit; empty when the sweep measured
     * nothing at the watched size.
     */
    public static String answer(TwinFile twin, SweepResult result) {
        int n = twin.threads();
        List<SweepPoint> pts = result.points();
        Optional<SweepPoint> same = pts.stream().filter(p -> p.workers() == n).findFirst();
        if (same.isEmpty()) {
            return "";
        }
        SweepPoint ref = same.get();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Your pool of %d with these tasks (%.0f arriving a second; CPU %s and blocked %s per task on average): ",
                n, twin.arrivalPerSecond(), time(twin.cpu().mean() / 1000), time(twin.blocked().mean() / 1000)));
        SweepPoint fewest = pts.stream().filter(p -> p.throughputPerSecond() >= SAME_THROUGHPUT * ref.throughputPerSecond())
                .findFirst().orElse(ref);
        if (fewest.workers() < n) {
            sb.append(String.format(Locale.ROOT, "%d threads reach the same throughput (%.0f tasks/s against %.0f)",
                    fewest.workers(), fewest.throughputPerSecond(), ref.throughputPerSecond()));
        } else {
            sb.append(String.format(Locale.ROOT, "fewer threads lose throughput (%d reach %.0f tasks/s)",
                    n, ref.throughputPerSecond()));
        }
        Optional<SweepPoint> more = pts.stream().filter(p -> p.workers() > n).reduce((a, b) -> b);
        if (more.isPresent()) {
            SweepPoint m = more.get();
            if (m.p99Micros() < 0.8 * ref.p99Micros()) {
                sb.append(String.format(Locale.ROOT, "; %d cut p99 from %s to %s", m.workers(), time(ref.p99Micros()), time(m.p99Micros())));
            } else {
                sb.append(String.format(Locale.ROOT, "; %d do not cut p99 (%s against %s at %d)", m.workers(),
                        time(m.p99Micros()), time(ref.p99Micros()), n));
            }
        }
        sb.append('.');
        Optional<ScalabilityFit> fit = result.fit("fixed", ScalabilityModel.USL);
        fit.ifPresent(f -> sb.append(String.format(Locale.ROOT,
                " The scalability fit (USL, r² %.2f) has one thread at %.0f tasks/s and contention %.2f.", f.r2(), f.lambda(), f.sigma())));
        if (twin.serviceP99Micros() != null) {
            sb.append(String.format(Locale.ROOT, " Watched in the target: service p99 %s.", time(twin.serviceP99Micros())));
        }
        return sb.toString();
    }

    private static String time(double micros) {
        if (micros >= 1000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1000);
        }
        return String.format(Locale.ROOT, "%.0f us", micros);
    }
}
