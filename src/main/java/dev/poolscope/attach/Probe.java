package dev.poolscope.attach;

import java.util.List;

/**
 * Reads the pools of one attached target. Implementations: {@link BasicProbe} (thread dumps, nothing loaded) and
 * {@link DeepProbe} (an agent in the target). Closing a probe leaves the target as it found it, as far as it can
 * (see each implementation); it never fails.
 */
public interface Probe extends AutoCloseable {
    /** {@code basic} or {@code deep}. */
    String mode();

    /** Every pool now. */
    List<PoolSample> read() throws AttachException;

    /** What this probe cannot see, one sentence each. */
    List<String> limits();

    @Override
    void close();
}
