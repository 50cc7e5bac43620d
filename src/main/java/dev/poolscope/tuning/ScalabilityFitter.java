package dev.poolscope.tuning;

import java.util.Arrays;
import java.util.List;

/**
 * Least-squares fits of {@link ScalabilityModel Amdahl's law and the USL} to
 * measured (workers, throughput) pairs, with {@code sigma, kappa >= 0}.
 *
 * <h2>Method</h2>
 * <ol>
 * <li>For fixed {@code sigma} and {@code kappa} the model is linear in
 *     {@code lambda}, so the best {@code lambda} has a closed form
 *     ({@code sum(x*g)/sum(g*g)} with {@code g(N) = N/(1+sigma(N-1)+kappa N(N-1))});
 *     only {@code sigma} and {@code kappa} are searched.</li>
 * <li>A coarse grid over {@code sigma} in {0} and 1e-5..10 and {@code kappa} in
 *     {0} and 1e-7..1 (log-spaced) finds the basin.</li>
 * <li>Nelder-Mead refines it on {@code sigma = u^2, kappa = v^2}, which keeps
 *     both non-negative and lets them reach exactly zero.</li>
 * </ol>
 * Pure computation: no state, no threads.
 */
public final class ScalabilityFitter {
    private static final int GRID = 48;
    private static final double SNAP_TO_ZERO = 1e-9;

    private ScalabilityFitter() {
    }

    /** One measured point. */
    public record Observation(double workers, double throughput) {
    }

    /**
     * Fits a model.
     *
     * @param pool the pool kind the points belong to (copied into the result)
     * @throws IllegalArgumentException with fewer than two distinct worker counts
     */
    public static ScalabilityFit fit(String pool, ScalabilityModel model, List<Observation> points) {
        double[] n = points.stream().mapToDouble(Observation::workers).toArray();
        double[] x = points.stream().mapToDouble(Observation::throughput).toArray();
        if (Arrays.stream(n).distinct().count() < 2) {
            throw new IllegalArgumentException("a fit needs at least two different worker counts");
        }
        boolean usl = model == ScalabilityModel.USL;
        // 1-2: grid
        double[] sigmas = grid(1e-5, 10);
        double[] kappas = usl ? grid(1e-7, 1) : new double[] {0};
        double bestSse = Double.POSITIVE_INFINITY;
        double bestS = 0;
        double bestK = 0;
        for (double s : sigmas) {
            for (double k : kappas) {
                double sse = sse(n, x, s, k);
                if (sse < bestSse) {
                    bestSse = sse;
                    bestS = s;
                    bestK = k;
                }
            }
        }
        // 3: refine on square roots
        double[] start = usl ? new double[] {Math.sqrt(bestS), Math.sqrt(bestK)} : new double[] {Math.sqrt(bestS)};
        double[] best = nelderMead(p -> sse(n, x, p[0] * p[0], p.length > 1 ? p[1] * p[1] : 0), start);
        double sigma = best[0] * best[0];
        double kappa = usl ? best[1] * best[1] : 0;
        if (sse(n, x, sigma, kappa) > bestSse) { // never worse than the grid
            sigma = bestS;
            kappa = bestK;
        }
        // values this small are zero within the fit's precision; keeping them would put the USL peak
        // at absurd worker counts (sqrt(1/1e-17))
        if (kappa < SNAP_TO_ZERO) {
            kappa = 0;
        }
        if (sigma < SNAP_TO_ZERO) {
            sigma = 0;
        }
        double lambda = lambda(n, x, sigma, kappa);
        return new ScalabilityFit(pool, model, sigma, kappa, lambda, r2(n, x, sigma, kappa, lambda));
    }

    private static double[] grid(double lo, double hi) {
        double[] g = new double[GRID + 1];
        g[0] = 0;
        double step = Math.log(hi / lo) / (GRID - 1);
        for (int i = 0; i < GRID; i++) {
            g[i + 1] = lo * Math.exp(step * i);
        }
        return g;
    }

    private static double shape(double n, double sigma, double kappa) {
        return n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    private static double lambda(double[] n, double[] x, double sigma, double kappa) {
        double xg = 0;
        double gg = 0;
        for (int i = 0; i < n.length; i++) {
            double g = shape(n[i], sigma, kappa);
            xg += x[i] * g;
            gg += g * g;
        }
        return gg == 0 ? 0 : Math.max(0, xg / gg);
    }

    private static double sse(double[] n, double[] x, double sigma, double kappa) {
        double lambda = lambda(n, x, sigma, kappa);
        double sum = 0;
        for (int i = 0; i < n.length; i++) {
            double d = x[i] - lambda * shape(n[i], sigma, kappa);
            sum += d * d;
        }
        return sum;
    }

    private static double r2(double[] n, double[] x, double sigma, double kappa, double lambda) {
        double mean = Arrays.stream(x).average().orElse(0);
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < n.length; i++) {
            ssTot += (x[i] - mean) * (x[i] - mean);
            double d = x[i] - lambda * shape(n[i], sigma, kappa);
            ssRes += d * d;
        }
        if (ssTot <= 1e-12 * Math.max(1, mean * mean)) {
            return ssRes <= 1e-9 * Math.max(1, mean * mean) ? 1 : 0;
        }
        return 1 - ssRes / ssTot;
    }

    private interface Objective {
        double at(double[] p);
    }

    /** A plain Nelder-Mead simplex search; enough for one or two parameters. */
    private static double[] nelderMead(Objective f, double[] start) {
        int d = start.length;
        double[][] simplex = new double[d + 1][];
        double[] values = new double[d + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < d; i++) {
            double[] p = start.clone();
            p[i] = p[i] == 0 ? 0.01 : p[i] * 1.25;
            simplex[i + 1] = p;
        }
        for (int i = 0; i <= d; i++) {
            values[i] = f.at(simplex[i]);
        }
        for (int iter = 0; iter < 2000; iter++) {
            // order best..worst
            Integer[] order = new Integer[d + 1];
            for (int i = 0; i <= d; i++) {
                order[i] = i;
            }
            double[] v = values;
            Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
            double[][] s2 = new double[d + 1][];
            double[] v2 = new double[d + 1];
            for (int i = 0; i <= d; i++) {
                s2[i] = simplex[order[i]];
                v2[i] = values[order[i]];
            }
            simplex = s2;
            values = v2;
            if (Math.abs(values[d] - values[0]) <= 1e-15 * (Math.abs(values[0]) + 1e-300) && iter > 10) {
                break;
            }
            double[] centroid = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    centroid[j] += simplex[i][j] / d;
                }
            }
            double[] reflected = towards(centroid, simplex[d], -1);
            double fr = f.at(reflected);
            if (fr < values[0]) {
                double[] expanded = towards(centroid, simplex[d], -2);
                double fe = f.at(expanded);
                if (fe < fr) {
                    simplex[d] = expanded;
                    values[d] = fe;
                } else {
                    simplex[d] = reflected;
                    values[d] = fr;
                }
            } else if (fr < values[d - 1]) {
                simplex[d] = reflected;
                values[d] = fr;
            } else {
                double[] contracted = towards(centroid, simplex[d], 0.5);
                double fc = f.at(contracted);
                if (fc < values[d]) {
                    simplex[d] = contracted;
                    values[d] = fc;
                } else {
                    for (int i = 1; i <= d; i++) {
                        simplex[i] = towards(simplex[0], simplex[i], 0.5);
                        values[i] = f.at(simplex[i]);
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= d; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return simplex[best];
    }

    /** {@code from + t * (to - from)}. */
    private static double[] towards(double[] from, double[] to, double t) {
        double[] p = new double[from.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = from[i] + t * (to[i] - from[i]);
        }
        return p;
    }
}
