package dev.poolscope.ui.picture;

import dev.poolscope.metrics.Outcome;

/**
 * One task's token as the view draws it.
 *
 * @param taskId the task's number in its pool
 * @param x position across the picture, 0..1 (see {@link PictureLayout})
 * @param y position down the picture area, 0..1
 * @param place where it is or is heading
 * @param laneIndex its lane's row (for {@link TokenPlace#LANE} and {@link TokenPlace#DONE}), else -1
 * @param outcome how the task ended, or null while it waits or runs
 * @param alpha 1 while in use, falling to 0 as an ended token fades
 */
public record TokenView(long taskId, double x, double y, TokenPlace place, int laneIndex, Outcome outcome, double alpha) {
}
