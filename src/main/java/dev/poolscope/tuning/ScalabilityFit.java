package dev.poolscope.tuning;

/**
 * A model fitted to one pool kind's sweep points.
 *
 * @param pool the pool kind
 * @param model the model
 * @param sigma contention (serial fraction), at least 0
 * @param kappa coherency cost, at least 0 (always 0 for {@link ScalabilityModel#AMDAHL})
 * @param lambda throughput of one worker, tasks per second
 * @param r2 coefficient of determination of the fit to the measured throughputs (1 is perfect;
 *           it can be negative for a fit worse than the mean)
 */
public record ScalabilityFit(String pool, ScalabilityModel model, double sigma, double kappa, double lambda, double r2) {

    /** Predicted throughput at {@code n} workers. */
    public double predict(double n) {
        return ScalabilityModel.throughput(n, lambda, sigma, kappa);
    }

    /**
     * The worker count at which the model's throughput peaks, or
     * {@link Double#POSITIVE_INFINITY} if it rises for ever (kappa = 0).
     */
    public double peakWorkers() {
        if (kappa <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(1, Math.sqrt(Math.max(0, 1 - sigma) / kappa));
    }

    /** The highest throughput the model allows: at {@link #peakWorkers()}, or the Amdahl ceiling {@code lambda/sigma}. */
    public double ceiling() {
        if (kappa > 0) {
            return predict(peakWorkers());
        }
        return sigma <= 0 ? Double.POSITIVE_INFINITY : lambda / sigma;
    }
}
