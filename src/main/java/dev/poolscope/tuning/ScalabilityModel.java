package dev.poolscope.tuning;

import java.util.Locale;

/**
 * A model of throughput against worker count N, both with peak rate
 * {@code lambda} for one worker:
 * <ul>
 * <li>{@link #AMDAHL}: {@code X(N) = lambda*N / (1 + sigma*(N-1))}; a serial fraction
 *     {@code sigma} caps throughput at {@code lambda/sigma}.</li>
 * <li>{@link #USL} (Gunther's Universal Scalability Law):
 *     {@code X(N) = lambda*N / (1 + sigma*(N-1) + kappa*N*(N-1))}; contention
 *     {@code sigma} and coherency {@code kappa}, so throughput peaks at
 *     {@code N* = sqrt((1-sigma)/kappa)} and then falls.</li>
 * </ul>
 * Amdahl's law is the USL with {@code kappa = 0}.
 */
public enum ScalabilityModel {
    AMDAHL("amdahl"),
    USL("usl");

    private final String jsonName;

    ScalabilityModel(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in JSON and on screen, e.g. {@code usl}. */
    public String jsonName() {
        return jsonName;
    }

    /** Predicted throughput at {@code n} workers. */
    public static double throughput(double n, double lambda, double sigma, double kappa) {
        return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    @Override
    public String toString() {
        return jsonName.toUpperCase(Locale.ROOT);
    }
}
