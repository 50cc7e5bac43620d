package dev.poolscope.tuning;

/**
 * The worker count a sweep recommends for one pool kind, and why.
 *
 * @param pool the pool kind
 * @param workers the recommended count
 * @param rule which rule chose it
 * @param explanation one sentence quoting the measured and fitted figures
 */
public record Recommendation(String pool, int workers, Rule rule, String explanation) {

    /** How a recommendation was chosen. */
    public enum Rule {
        /** The smallest count within the tolerance of the best measured throughput. */
        NEAR_BEST_THROUGHPUT,
        /** The largest count whose p99 latency met the target. */
        MEETS_P99_TARGET,
        /** No count met the p99 target; the one with the lowest p99. */
        LOWEST_P99
    }
}
