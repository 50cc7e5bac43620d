package dev.poolscope.ui.picture;

import dev.poolscope.metrics.Outcome;

import java.util.ArrayDeque;

/**
 * One task's token inside the model: where it is drawn now, the place it is
 * in, and the places it still has to visit. A token stays in each place at
 * least that place's dwell, so a class sees every move even when the engine
 * made several of them within one snapshot. FX thread (or a test) only.
 */
final class Token {
    /** One place a token visits. */
    record Step(TokenPlace place, int workerId, Outcome outcome) {
    }

    final long taskId;
    double x;
    double y;
    Step current;
    long since;
    final ArrayDeque<Step> pending = new ArrayDeque<>(3);
    boolean onLane;
    boolean ended;

    Token(long taskId, double x, double y, Step first, long nowMillis) {
        this.taskId = taskId;
        this.x = x;
        this.y = y;
        this.current = first;
        this.since = nowMillis;
    }

    /** The place the token will end in once its pending steps are taken. */
    Step last() {
        Step l = pending.peekLast();
        return l == null ? current : l;
    }

    /** Queues a step unless it is where the token already goes. */
    void then(Step s) {
        if (!last().equals(s)) {
            pending.addLast(s);
        }
    }

    /** Takes the pending steps whose turn has come; true if the token moved on. */
    boolean step(long nowMillis) {
        boolean moved = false;
        while (!pending.isEmpty() && nowMillis - since >= dwell(current.place())) {
            long left = since + dwell(current.place()); // when the last place's dwell ended
            current = pending.pollFirst();
            since = Math.max(left, nowMillis - 1000); // catch up after a pause
            moved = true;
        }
        return moved;
    }

    /** True once the token is in a place it never leaves. */
    boolean terminal() {
        return pending.isEmpty() && (current.place() == TokenPlace.DONE || current.place() == TokenPlace.BIN);
    }

    /** Least time in a place before the next move, milliseconds. */
    static long dwell(TokenPlace p) {
        return switch (p) {
            case QUEUE -> 250;
            case BOUNCE -> 350;
            case LANE -> 400;
            case DONE, BIN -> Long.MAX_VALUE;
        };
    }
}
