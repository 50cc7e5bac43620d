package dev.poolscope.attach;

import java.util.List;

/**
 * What a watch saw: immutable.
 *
 * @param pid the target's PID
 * @param mode {@code basic} or {@code deep}
 * @param javaVersion the target's {@code java.version}
 * @param elapsedMillis how long the watch ran
 * @param pools every pool seen, in the order first seen
 * @param limits what the mode could not see
 * @param ending how the watch ended: {@code duration}, {@code stopped}, {@code target exited} or {@code lost: REASON}
 */
public record WatchReport(long pid, String mode, String javaVersion, long elapsedMillis, List<PoolFigures> pools,
                          List<String> limits, String ending) {
    public WatchReport {
        pools = List.copyOf(pools);
        limits = List.copyOf(limits);
    }
}
