package dev.poolscope.tuning;

import dev.poolscope.engine.Durations;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a worker count from one pool kind's sweep points.
 *
 * <h2>The rule</h2>
 * <ol>
 * <li>Without a latency target: the smallest count whose median throughput is
 *     within the tolerance of the best median throughput. The tolerance is 5%,
 *     widened to half the typical run-to-run spread (at most 15%) when the
 *     repetitions disagree by more than 10%: a difference smaller than the noise
 *     is no reason to add workers.</li>
 * <li>With a p99 target: the largest count whose median p99 latency meets it;
 *     if none does, the count with the lowest p99.</li>
 * </ol>
 * Measured medians decide, not the fitted curves: the curves cannot follow a
 * sharp knee such as CPU-bound work reaching the core count. The fits explain.
 */
public final class Recommender {
    /** The base tolerance: within 5% of the best throughput. */
    public static final double TOLERANCE = 0.05;
    /** The widest the tolerance gets on noisy measurements. */
    public static final double MAX_TOLERANCE = 0.15;
    /** Below this r2 the explanation calls the fit poor instead of quoting its peak. */
    public static final double POOR_FIT = 0.5;

    private Recommender() {
    }

    /**
     * Recommends a count for one pool kind.
     *
     * @param points the kind's points (any order, at least one)
     * @param p99Target the latency target, or null
     * @param usl the kind's USL fit, or null when there are too few points
     * @param cores the machine's core count, quoted in the explanation
     */
    public static Recommendation recommend(String pool, List<SweepPoint> points, Duration p99Target,
                                           ScalabilityFit usl, int cores) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points for pool '" + pool + "'");
        }
        List<SweepPoint> sorted = points.stream().sorted(Comparator.comparingInt(SweepPoint::workers)).toList();
        SweepPoint best = sorted.stream().max(Comparator.comparingDouble(SweepPoint::throughputPerSecond)).orElseThrow();
        String fit = usl == null ? "" : "; " + describeFit(usl);
        String machine = " (this machine has " + cores + (cores == 1 ? " core)" : " cores)");

        if (p99Target != null) {
            double target = p99Target.toNanos() / 1e3;
            SweepPoint meets = null;
            for (SweepPoint p : sorted) {
                if (p.p99Micros() <= target) {
                    meets = p;
                }
            }
            if (meets != null) {
                return new Recommendation(pool, meets.workers(), Recommendation.Rule.MEETS_P99_TARGET,
                        pool + ": " + workers(meets.workers()) + " is the largest count whose p99 latency ("
                                + millis(meets.p99Micros()) + ") meets the " + Durations.format(p99Target)
                                + " target, at " + rate(meets.throughputPerSecond()) + " ("
                                + percent(meets.throughputPerSecond() / best.throughputPerSecond())
                                + " of the best measured)" + fit + machine + ".");
            }
            SweepPoint lowest = sorted.stream().min(Comparator.comparingDouble(SweepPoint::p99Micros)).orElseThrow();
            return new Recommendation(pool, lowest.workers(), Recommendation.Rule.LOWEST_P99,
                    pool + ": no count met the p99 target of " + Durations.format(p99Target) + "; the lowest p99 was "
                            + millis(lowest.p99Micros()) + " at " + workers(lowest.workers())
                            + ", so the target needs faster tasks or fewer of them at once" + fit + machine + ".");
        }

        double tolerance = tolerance(sorted);
        double threshold = best.throughputPerSecond() * (1 - tolerance);
        SweepPoint chosen = sorted.stream().filter(p -> p.throughputPerSecond() >= threshold).findFirst().orElse(best);
        StringBuilder s = new StringBuilder(pool).append(": ").append(workers(chosen.workers()));
        if (chosen.throughputPerSecond() >= best.throughputPerSecond()) {
            s.append(" gave the best measured throughput, ").append(rate(best.throughputPerSecond()));
        } else {
            s.append(chosen.workers() == 1 ? " reaches " : " reach ").append(rate(chosen.throughputPerSecond())).append(", within ")
                    .append(percent(tolerance)).append(" of the best measured ").append(rate(best.throughputPerSecond()))
                    .append(" (at ").append(best.workers()).append(")");
        }
        int largest = sorted.get(sorted.size() - 1).workers();
        boolean bestAtEnd = best.workers() == largest && sorted.size() > 1;
        if (chosen.workers() == largest && bestAtEnd) {
            s.append(", and throughput was still rising at the largest count swept, so try more");
        } else if (bestAtEnd) {
            s.append(", but the best was at the largest count swept, so sweep further before settling");
        } else if (chosen.workers() < largest) {
            s.append(", so more workers add little or no throughput");
        }
        if (tolerance > TOLERANCE && chosen != best) {
            s.append("; the tolerance was widened from 5% because repeated runs differed by up to ")
                    .append(percent(typicalSpread(sorted)));
        }
        s.append(fit);
        return new Recommendation(pool, chosen.workers(), Recommendation.Rule.NEAR_BEST_THROUGHPUT, s + machine + ".");
    }

    /** The tolerance the rule uses for these points (see the class comment). */
    public static double tolerance(List<SweepPoint> points) {
        double spread = typicalSpread(points);
        if (spread <= 0.10) {
            return TOLERANCE;
        }
        return Math.min(MAX_TOLERANCE, Math.max(TOLERANCE, spread / 2));
    }

    private static double typicalSpread(List<SweepPoint> points) {
        return SweepPoint.median(points.stream().map(SweepPoint::relativeSpread).toList());
    }

    /** The fit in words, e.g. {@code the USL fit (sigma=0.48, ...) levels off near ...}. */
    static String describeFit(ScalabilityFit f) {
        String params = String.format(Locale.ROOT, "%s fit (sigma=%.3g, kappa=%.3g, lambda=%s per worker, r2=%.2f)",
                f.model(), f.sigma(), f.kappa(), rate(f.lambda()), f.r2());
        if (f.r2() < POOR_FIT) {
            return String.format(Locale.ROOT, "the %s fit is poor (r2=%.2f: the throughputs do not follow a smooth curve, "
                    + "often because of noise), so trust the measured points over the curve", f.model(), f.r2());
        }
        double peak = f.peakWorkers();
        if (Double.isFinite(peak)) {
            return "the " + params + String.format(Locale.ROOT, " peaks at about %.1f workers and %s", peak, rate(f.ceiling()));
        }
        if (f.sigma() > 0) {
            return "the " + params + " levels off toward " + rate(f.ceiling());
        }
        return "the " + params + " scales linearly";
    }

    static String rate(double perSecond) {
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%,.0f tasks/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.3g tasks/s", perSecond);
    }

    static String millis(double micros) {
        return micros >= 1000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000) : String.format(Locale.ROOT, "%.0f us", micros);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String workers(int n) {
        return n + (n == 1 ? " worker" : " workers");
    }
}
