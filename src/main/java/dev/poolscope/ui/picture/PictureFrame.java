package dev.poolscope.ui.picture;

import dev.poolscope.metrics.Counts;

import java.util.List;

/**
 * What the pool picture draws at one instant: plain data, made by {@link PoolPictureModel}.
 *
 * @param mode tokens or counts
 * @param lanes one per worker, top to bottom
 * @param tokens the tokens in view (empty in {@link PictureMode#SUMMARY})
 * @param queueDepth tasks waiting in the queue (the engine's figure)
 * @param queueCapacity the queue's capacity, or -1 if unbounded
 * @param queueSlots queue places drawn
 * @param queueUntracked tasks waiting that have no token in view (shown as a number)
 * @param counts the run's totals in the latest snapshot
 * @param tasksPerSecond tasks arriving or ending per second, recently (what chooses the mode)
 * @param elapsedNanos the latest snapshot's time since the run began
 */
public record PictureFrame(PictureMode mode, List<LaneView> lanes, List<TokenView> tokens, long queueDepth,
                           int queueCapacity, int queueSlots, long queueUntracked, Counts counts,
                           double tasksPerSecond, long elapsedNanos) {

    /** Nothing to draw. */
    public static final PictureFrame EMPTY = new PictureFrame(PictureMode.TOKENS, List.of(), List.of(), 0, -1,
            PictureLayout.QUEUE_SLOTS, 0, Counts.ZERO, 0, 0);

    public PictureFrame {
        lanes = List.copyOf(lanes);
        tokens = List.copyOf(tokens);
    }

    /** The token of this task, or null if none is in view. */
    public TokenView token(long taskId) {
        for (TokenView t : tokens) {
            if (t.taskId() == taskId) {
                return t;
            }
        }
        return null;
    }
}
