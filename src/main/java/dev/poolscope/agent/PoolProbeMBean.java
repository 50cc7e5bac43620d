package dev.poolscope.agent;

/** The management interface of {@link PoolProbe}. */
public interface PoolProbeMBean {
    /** Every pool's figures in one text, one line per pool (the format {@link ProbeText} writes). */
    String read();

    /** Removes the advice and switches the hooks off; the probe's classes stay loaded. */
    void detach();

    /** The version PoolScope gave when it first loaded this agent ({@code version=} argument), or {@code unknown}. */
    String getVersion();

    /** {@code installed}, {@code detached: REASON}, or {@code failed: REASON}. */
    String getState();
}
