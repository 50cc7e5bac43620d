package dev.poolscope.ui.picture;

import dev.poolscope.metrics.CancelOrReject;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.TaskSpan;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.metrics.WorkerState;
import dev.poolscope.pool.PoolConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pool picture's view-model: plain data, fed with a run's snapshots and
 * asked for a {@link PictureFrame} at each animation pulse. Time is given by
 * the caller (milliseconds on any monotonic clock), so tests drive it with
 * fixed snapshots and instants.
 *
 * <p>Every move comes from the engine's records: a task number the pool gave
 * out is a task arriving in the queue ({@link Counts#submitted()}); a task
 * span on a worker is that task leaving the queue for the worker's lane, and
 * its end is the task going to the lane's tray coloured by its outcome; a
 * number in {@link MetricsSnapshot#cancelsAndRejects()} is a task that never
 * ran, which bounces off the full queue (rejected on arrival) or drops out of
 * it; a worker whose restart count grew or whose process id changed was
 * replaced, and its lane is marked with the old process id.
 *
 * <p>At low rates each task is a token that stays at least a short dwell in
 * each place ({@link PictureMode#TOKENS}); once tasks arrive or end faster than
 * a class can follow, the picture shows counts instead ({@link PictureMode#SUMMARY}),
 * and returns to tokens when the rate has stayed low for a while. The queue's
 * number is always the engine's queue depth. Not thread-safe: one thread (the
 * FX thread) uses it.
 */
public final class PoolPictureModel {
    /** Tasks arriving per second above which tokens give way to counts. */
    static final double MAX_ARRIVALS_PER_SECOND = 12;
    /** Tasks ending per second and lane above which tokens give way to counts. */
    static final double MAX_ENDS_PER_LANE_SECOND = 3;
    /** Lanes above which the picture always shows counts. */
    static final int MAX_TOKEN_LANES = 16;
    /** How long the rate must stay low before tokens come back, milliseconds. */
    static final long CALM_MILLIS = 2000;
    private static final long RATE_WINDOW_NANOS = 2_000_000_000L;
    private static final long FADE_MILLIS = 3000;
    private static final int REMEMBERED_ENDS = 4096;
    private static final double MOVE_MILLIS = 110;

    private final Map<Integer, Lane> lanes = new LinkedHashMap<>();
    private final Map<Long, Token> tokens = new LinkedHashMap<>();
    private final Set<Long> endedIds = new HashSet<>();
    private final ArrayDeque<Long> endedOrder = new ArrayDeque<>();
    private final ArrayDeque<long[]> rateWindow = new ArrayDeque<>();
    private PictureMode mode = PictureMode.TOKENS;
    private int queueCapacity = -1;
    private long nextTaskId;
    private long lastSequence = -1;
    private long queueDepth;
    private Counts counts = Counts.ZERO;
    private double rate;
    private long elapsedNanos;
    private long calmSince = -1;
    private long lastAdvance = -1;
    private int excessSeen;

    /** Clears the picture for a new run whose queue holds {@code capacity} tasks ({@link PoolConfig#UNBOUNDED}: no limit). */
    public void reset(int capacity) {
        lanes.clear();
        tokens.clear();
        endedIds.clear();
        endedOrder.clear();
        rateWindow.clear();
        mode = PictureMode.TOKENS;
        queueCapacity = capacity == PoolConfig.UNBOUNDED || capacity < 0 ? -1 : capacity;
        nextTaskId = 0;
        lastSequence = -1;
        queueDepth = 0;
        counts = Counts.ZERO;
        rate = 0;
        elapsedNanos = 0;
        calmSince = -1;
        lastAdvance = -1;
        excessSeen = 0;
    }

    /** How tasks are shown now. */
    public PictureMode mode() {
        return mode;
    }

    /** Takes one snapshot of the run (an older or repeated one is ignored). */
    public void apply(MetricsSnapshot s, long nowMillis) {
        if (s == null) {
            return;
        }
        if (s.sequence() < lastSequence) {
            reset(queueCapacity == -1 ? PoolConfig.UNBOUNDED : queueCapacity); // a new run's first snapshots
        } else if (s.sequence() == lastSequence) {
            return;
        }
        lastSequence = s.sequence();
        counts = s.counts();
        queueDepth = s.queueDepth();
        elapsedNanos = s.elapsedNanos();
        updateLanes(s.workers(), nowMillis);
        chooseMode(s, nowMillis);
        boolean animate = mode == PictureMode.TOKENS;
        long submitted = s.counts().submitted();
        if (animate) {
            for (long id = Math.max(nextTaskId, submitted - PictureLayout.QUEUE_SLOTS * 2L); id < submitted; id++) {
                if (!endedIds.contains(id) && !tokens.containsKey(id)) {
                    tokens.put(id, new Token(id, PictureLayout.ARRIVAL_X, PictureLayout.QUEUE_Y,
                            new Token.Step(TokenPlace.QUEUE, -1, null), nowMillis));
                }
            }
        }
        nextTaskId = Math.max(nextTaskId, submitted);
        for (TaskSpan span : s.spans()) {
            span(span, animate, nowMillis);
        }
        for (CancelOrReject c : s.cancelsAndRejects()) {
            cancelOrReject(c, animate, nowMillis);
        }
        if (animate) {
            reconcileQueue();
        }
    }

    private void updateLanes(List<WorkerSnapshot> workers, long nowMillis) {
        Set<Integer> present = new HashSet<>();
        for (WorkerSnapshot w : workers) {
            if (w.state() == WorkerState.RETIRED) {
                continue;
            }
            present.add(w.id());
            Lane lane = lanes.get(w.id());
            if (lane == null) {
                lanes.put(w.id(), new Lane(w, nowMillis));
            } else {
                lane.update(w, nowMillis);
            }
        }
        if (present.isEmpty()) {
            if (lanes.isEmpty()) { // the first snapshot shown is the last (a busy window): show who did the work
                for (WorkerSnapshot w : workers) {
                    lanes.put(w.id(), new Lane(w, nowMillis));
                }
            }
            return; // the pool has shut down: keep its last lanes in view
        }
        lanes.keySet().retainAll(present);
    }

    /**
     * Chooses tokens or counts from the rate over the last two seconds of snapshots: tasks arriving per second,
     * and tasks ending per second and lane.
     */
    private void chooseMode(MetricsSnapshot s, long nowMillis) {
        // ends that ran on a worker: a rejection is an arrival that bounced, counted with the arrivals
        rateWindow.addLast(new long[]{s.elapsedNanos(), s.counts().submitted(), s.counts().ran()});
        while (rateWindow.size() > 2 && s.elapsedNanos() - rateWindow.peekFirst()[0] > RATE_WINDOW_NANOS) {
            rateWindow.pollFirst();
        }
        long[] first = rateWindow.peekFirst();
        long[] last = rateWindow.peekLast();
        double seconds;
        double arrivals;
        double ends;
        // over at least a second, so a few tasks arriving together are not taken for a high rate
        if (rateWindow.size() < 2) {
            seconds = Math.max(1, s.elapsedNanos() / 1e9); // from the run's start
            arrivals = last[1];
            ends = last[2];
        } else {
            seconds = Math.max(1, (last[0] - first[0]) / 1e9);
            arrivals = last[1] - first[1];
            ends = last[2] - first[2];
        }
        double arrivalRate = arrivals / seconds;
        double endRate = ends / seconds;
        rate = Math.max(arrivalRate, endRate);
        int laneCount = Math.max(1, lanes.size());
        boolean fast = arrivalRate > MAX_ARRIVALS_PER_SECOND || endRate / laneCount > MAX_ENDS_PER_LANE_SECOND
                || lanes.size() > MAX_TOKEN_LANES || backlog() > 4 * laneCount + 12;
        if (mode == PictureMode.TOKENS && fast) {
            mode = PictureMode.SUMMARY;
            tokens.clear();
            calmSince = -1;
        } else if (mode == PictureMode.SUMMARY) {
            boolean calm = arrivalRate < MAX_ARRIVALS_PER_SECOND * 2 / 3 && endRate / laneCount < MAX_ENDS_PER_LANE_SECOND * 2 / 3
                    && lanes.size() <= MAX_TOKEN_LANES;
            if (!calm) {
                calmSince = -1;
            } else if (calmSince < 0) {
                calmSince = nowMillis;
            } else if (nowMillis - calmSince >= CALM_MILLIS) {
                mode = PictureMode.TOKENS;
            }
        }
    }

    /** Moves not yet shown: how far the picture lags the engine. */
    private int backlog() {
        int n = 0;
        for (Token t : tokens.values()) {
            n += t.pending.size();
        }
        return n;
    }

    private void span(TaskSpan span, boolean animate, long nowMillis) {
        long id = span.taskId();
        if (endedIds.contains(id)) {
            return;
        }
        Lane lane = lanes.get(span.workerId());
        if (!span.running()) {
            remember(id);
            if (lane != null) {
                lane.ended[span.outcome().ordinal()]++;
            }
        }
        if (!animate || lane == null) {
            return;
        }
        Token t = tokens.get(id);
        if (t == null) {
            t = new Token(id, PictureLayout.queueX(0), PictureLayout.QUEUE_Y, new Token.Step(TokenPlace.QUEUE, -1, null), nowMillis);
            tokens.put(id, t);
        }
        t.then(new Token.Step(TokenPlace.LANE, span.workerId(), null));
        t.onLane = true;
        if (!span.running()) {
            t.then(new Token.Step(TokenPlace.DONE, span.workerId(), span.outcome()));
            t.ended = true;
        }
    }

    private void cancelOrReject(CancelOrReject c, boolean animate, long nowMillis) {
        long id = c.taskId();
        if (endedIds.contains(id)) {
            return;
        }
        remember(id);
        if (!animate) {
            return;
        }
        Token t = tokens.get(id);
        if (t == null) {
            return; // it left before the picture showed it
        }
        t.ended = true;
        if (t.onLane && c.outcome() == Outcome.CANCELLED) {
            t.then(new Token.Step(TokenPlace.DONE, t.last().workerId(), Outcome.CANCELLED));
        } else if (c.outcome() == Outcome.REJECTED && t.current.place() == TokenPlace.QUEUE && t.pending.isEmpty()
                && nowMillis - t.since < Token.dwell(TokenPlace.QUEUE)) {
            t.current = new Token.Step(TokenPlace.BOUNCE, -1, null); // it never got in: bounce off the full queue
            t.then(new Token.Step(TokenPlace.BIN, -1, Outcome.REJECTED));
        } else {
            t.then(new Token.Step(TokenPlace.BIN, -1, c.outcome()));
        }
    }

    private void remember(long id) {
        if (endedIds.add(id)) {
            endedOrder.addLast(id);
            if (endedOrder.size() > REMEMBERED_ENDS) {
                endedIds.remove(endedOrder.pollFirst());
            }
        }
    }

    /**
     * Tokens left in the queue beyond the engine's queue depth for two snapshots in a row started or ended
     * unseen (their records were overwritten before a snapshot carried them): the oldest go.
     */
    private void reconcileQueue() {
        List<Token> waiting = waitingTokens();
        long excess = waiting.size() - queueDepth;
        if (excess <= 0) {
            excessSeen = 0;
            return;
        }
        if (++excessSeen < 2) {
            return;
        }
        for (int i = 0; i < excess; i++) {
            tokens.remove(waiting.get(i).taskId);
        }
        excessSeen = 0;
    }

    /** Tokens that will still be waiting once their moves are shown, oldest task first. */
    private List<Token> waitingTokens() {
        List<Token> waiting = new ArrayList<>();
        for (Token t : tokens.values()) {
            if (!t.ended && !t.onLane) {
                waiting.add(t);
            }
        }
        waiting.sort(Comparator.comparingLong(t -> t.taskId));
        return waiting;
    }

    /** True while something moves or fades, so the view keeps animating. */
    public boolean moving() {
        return !tokens.isEmpty() || lanes.values().stream().anyMatch(l -> l.highlight(lastAdvance) > 0);
    }

    /** Advances the animation to {@code nowMillis} and returns what to draw. */
    public PictureFrame advance(long nowMillis) {
        double k = lastAdvance < 0 ? 1 : 1 - Math.exp(-Math.max(0, nowMillis - lastAdvance) / MOVE_MILLIS);
        lastAdvance = nowMillis;
        Map<Integer, Integer> rowOf = new HashMap<>();
        List<LaneView> laneViews = new ArrayList<>(lanes.size());
        for (Lane lane : lanes.values()) {
            rowOf.put(lane.workerId, laneViews.size());
            laneViews.add(lane.view(nowMillis));
        }
        int n = laneViews.size();
        for (Token t : tokens.values()) {
            t.step(nowMillis);
        }
        tokens.values().removeIf(t -> t.terminal() && nowMillis - t.since > FADE_MILLIS
                || (t.current.place() == TokenPlace.LANE || t.current.place() == TokenPlace.DONE) && !rowOf.containsKey(t.current.workerId()));
        // order within each place: queue by task number (head first), lanes by task number, trays newest first
        List<Token> sorted = new ArrayList<>(tokens.values());
        sorted.sort(Comparator.comparingLong(t -> t.taskId));
        Map<String, Integer> index = new HashMap<>();
        List<Token> trays = new ArrayList<>();
        List<TokenView> views = new ArrayList<>();
        int queued = 0;
        for (Token t : sorted) {
            TokenPlace p = t.current.place();
            if (p == TokenPlace.DONE || p == TokenPlace.BIN) {
                trays.add(t);
                continue;
            }
            double tx;
            double ty;
            int row = -1;
            if (p == TokenPlace.QUEUE) {
                int i = queued++;
                if (i >= PictureLayout.QUEUE_SLOTS) {
                    continue; // beyond the places drawn: counted in the queue's number
                }
                tx = PictureLayout.queueX(i);
                ty = PictureLayout.QUEUE_Y;
            } else if (p == TokenPlace.BOUNCE) {
                tx = PictureLayout.bounceX();
                ty = PictureLayout.bounceY();
            } else {
                row = rowOf.get(t.current.workerId());
                int i = index.merge("lane" + row, 1, Integer::sum) - 1;
                tx = PictureLayout.laneX(i);
                ty = PictureLayout.laneY(row, n);
            }
            views.add(move(t, tx, ty, k, row, 1));
        }
        trays.sort(Comparator.comparingLong((Token t) -> t.since).reversed());
        for (Token t : trays) {
            boolean bin = t.current.place() == TokenPlace.BIN;
            int row = bin ? -1 : rowOf.get(t.current.workerId());
            int i = index.merge(bin ? "bin" : "tray" + row, 1, Integer::sum) - 1;
            if (i >= PictureLayout.TRAY_PLACES) {
                continue;
            }
            double tx = bin ? PictureLayout.binX(i) : PictureLayout.trayX(i);
            double ty = bin ? PictureLayout.BIN_Y : PictureLayout.laneY(row, n);
            double age = nowMillis - t.since;
            double alpha = Math.max(0, Math.min(1, (FADE_MILLIS - age) / 800.0));
            views.add(move(t, tx, ty, k, row, alpha));
        }
        long untracked = Math.max(0, queueDepth - Math.min(queued, PictureLayout.QUEUE_SLOTS));
        return new PictureFrame(mode, laneViews, views, queueDepth, queueCapacity, PictureLayout.QUEUE_SLOTS,
                mode == PictureMode.TOKENS ? untracked : queueDepth, counts, rate, elapsedNanos);
    }

    private static TokenView move(Token t, double tx, double ty, double k, int row, double alpha) {
        t.x += (tx - t.x) * k;
        t.y += (ty - t.y) * k;
        return new TokenView(t.taskId, t.x, t.y, t.current.place(), row, t.current.outcome(), alpha);
    }
}
