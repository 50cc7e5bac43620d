package dev.poolscope.ui.picture;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.WorkerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolPictureModelTest {
    private final PoolPictureModel model = new PoolPictureModel();
    private final Snapshots snaps = new Snapshots();
    private long now = 10_000;

    @BeforeEach
    void twoWorkers() {
        model.reset(10);
        snaps.worker(0, WorkerState.IDLE, -1, 0).worker(1, WorkerState.IDLE, -1, 0);
    }

    /** Applies the next snapshot 100 ms after the last, then lets the animation run {@code settle} ms. */
    private PictureFrame step(long settle) {
        now += 100;
        model.apply(snaps.next(), now);
        PictureFrame f = model.advance(now);
        for (long t = 0; t < settle; t += 33) {
            now += 33;
            f = model.advance(now);
        }
        return f;
    }

    @Test
    void arrivals_waitInTheQueue_headFirst_nextToTheWorkers() {
        PictureFrame f = step(1000);
        assertEquals(0, f.tokens().size());
        snaps.submitted(3);
        f = step(1000);
        assertEquals(PictureMode.TOKENS, f.mode());
        assertEquals(3, f.tokens().size());
        for (long id = 0; id < 3; id++) {
            TokenView t = f.token(id);
            assertEquals(TokenPlace.QUEUE, t.place());
            assertEquals(PictureLayout.queueX((int) id), t.x(), 0.01, "task " + id + " in queue place " + id);
        }
        assertTrue(f.token(0).x() > f.token(2).x(), "the head (oldest) is nearest the workers");
        assertEquals(3, f.queueDepth());
        assertEquals(0, f.queueUntracked());
    }

    @Test
    void aTaskGoesFromTheQueueToItsWorkersLane_andOnToItsTray_colouredByOutcome() {
        snaps.submitted(2);
        step(500);
        snaps.running(1, 0).running(0, 1);
        PictureFrame f = step(600);
        assertEquals(TokenPlace.LANE, f.token(0).place());
        assertEquals(1, f.token(0).laneIndex(), "task 0 runs on worker 1's lane");
        assertEquals(PictureLayout.laneY(1, 2), f.token(0).y(), 0.01);
        assertEquals(0, f.token(1).laneIndex());
        assertNull(f.token(0).outcome());

        snaps.ended(1, 0, Outcome.FAILED).ended(0, 1, Outcome.SUCCEEDED);
        f = step(600);
        assertEquals(TokenPlace.DONE, f.token(0).place());
        assertEquals(Outcome.FAILED, f.token(0).outcome());
        assertEquals(1, f.token(0).laneIndex());
        assertTrue(f.token(0).x() > PictureLayout.DONE_LEFT, "in the tray, right of the lanes");
        assertEquals(Outcome.SUCCEEDED, f.token(1).outcome());
        assertEquals(1, f.lanes().get(1).failed());
        assertEquals(0, f.lanes().get(1).succeeded());
        assertEquals(1, f.lanes().get(0).succeeded());
    }

    @Test
    void aTaskThatStartsAndEndsWithinOneSnapshot_stillVisitsEachPlace_forAtLeastItsDwell() {
        snaps.submitted(1).ended(0, 0, Outcome.SUCCEEDED);
        now += 100;
        model.apply(snaps.next(), now);
        assertEquals(TokenPlace.QUEUE, model.advance(now).token(0).place());
        now += Token.dwell(TokenPlace.QUEUE);
        assertEquals(TokenPlace.LANE, model.advance(now).token(0).place(), "then the lane");
        now += Token.dwell(TokenPlace.LANE) - 1;
        assertEquals(TokenPlace.LANE, model.advance(now).token(0).place(), "for its whole dwell");
        now += 1;
        PictureFrame f = model.advance(now);
        assertEquals(TokenPlace.DONE, f.token(0).place());
        assertEquals(Outcome.SUCCEEDED, f.token(0).outcome());
    }

    @Test
    void aTaskRejectedOnArrival_bouncesOffTheFullQueue_intoTheBin() {
        snaps.submitted(4).running(0, 0).running(1, 1);
        step(800);
        snaps.submitted(5).dropped(4, Outcome.REJECTED);
        now += 100;
        model.apply(snaps.next(), now);
        PictureFrame f = model.advance(now);
        assertEquals(TokenPlace.BOUNCE, f.token(4).place(), "it never gets in");
        f = step(Token.dwell(TokenPlace.BOUNCE) + 300);
        assertEquals(TokenPlace.BIN, f.token(4).place());
        assertEquals(Outcome.REJECTED, f.token(4).outcome());
        assertEquals(PictureLayout.BIN_Y, f.token(4).y(), 0.02);
        assertEquals(TokenPlace.QUEUE, f.token(2).place(), "the waiting tasks stay");
    }

    @Test
    void aTaskCancelledWhileWaiting_dropsFromTheQueueIntoTheBin() {
        snaps.submitted(3).running(0, 0).running(1, 1);
        step(800);
        snaps.dropped(2, Outcome.CANCELLED);
        PictureFrame f = step(600);
        assertEquals(TokenPlace.BIN, f.token(2).place());
        assertEquals(Outcome.CANCELLED, f.token(2).outcome());
    }

    @Test
    void aCrashedProcessWorker_isMarkedWithItsOldPid_andReplacedByANewOne() {
        model.reset(10);
        Snapshots p = new Snapshots().worker(0, WorkerState.BUSY, 4100, 0).worker(1, WorkerState.IDLE, 4200, 0);
        model.apply(p.submitted(1).running(0, 0).next(), now += 100);
        LaneView lane = model.advance(now).lanes().get(0);
        assertFalse(lane.replacing());
        assertEquals(-1, lane.replacedPid());

        model.apply(p.worker(0, WorkerState.DEAD, 4100, 1).ended(0, 0, Outcome.FAILED).next(), now += 100);
        lane = model.advance(now).lanes().get(0);
        assertTrue(lane.replacing(), "marked while dead");
        assertEquals(1, lane.restarts());
        assertEquals(4100, lane.replacedPid());

        model.apply(p.worker(0, WorkerState.STARTING, 4300, 1).next(), now += 100);
        model.apply(p.worker(0, WorkerState.IDLE, 4300, 1).next(), now += 100);
        PictureFrame f = model.advance(now);
        lane = f.lanes().get(0);
        assertEquals(4300, lane.pid(), "the new process");
        assertEquals(4100, lane.replacedPid(), "the old one is named");
        assertFalse(lane.recycled());
        assertTrue(lane.replacing());
        assertFalse(f.lanes().get(1).replacing(), "the other lane is untouched");
        assertEquals(1, lane.failed(), "the task it was running failed");

        now += Lane.MARK_MILLIS + 100;
        assertFalse(model.advance(now).lanes().get(0).replacing(), "the mark fades");
    }

    @Test
    void aPidChange_withoutARestartCountYet_isAReplacementToo() {
        model.reset(10);
        Snapshots p = new Snapshots().worker(0, WorkerState.IDLE, 500, 0);
        model.apply(p.next(), now += 100);
        model.apply(p.worker(0, WorkerState.STARTING, 501, 0).next(), now += 100);
        LaneView lane = model.advance(now).lanes().get(0);
        assertEquals(500, lane.replacedPid());
        assertTrue(lane.replacing());
    }

    @Test
    void atHighRates_countsReplaceTokens_andTokensReturnOnceTheRateStaysLow() {
        for (int i = 1; i <= 10; i++) {
            snaps.submitted(i * 50L); // 500 tasks per second arriving
            step(0);
        }
        PictureFrame f = model.advance(now);
        assertEquals(PictureMode.SUMMARY, f.mode());
        assertTrue(f.tokens().isEmpty());
        assertEquals(500, f.queueDepth());
        assertEquals(500, f.queueUntracked(), "every waiting task is a number, none a token");
        for (int i = 0; i < 25; i++) {
            step(0); // nothing arrives for 2.5 s
        }
        assertEquals(PictureMode.SUMMARY, model.mode(), "the rate window still holds the burst");
        for (int i = 0; i < 25; i++) {
            step(0);
        }
        assertEquals(PictureMode.TOKENS, model.mode());
        snaps.submitted(501);
        f = step(500);
        assertEquals(TokenPlace.QUEUE, f.token(500).place(), "new arrivals are tokens again");
        assertEquals(500, f.queueUntracked(), "the tasks that came in the burst stay a number");
    }

    @Test
    void moreWaitingTasksThanQueuePlaces_showAsANumber() {
        for (int i = 1; i <= 20; i++) {
            snaps.submitted(i); // 10 per second
            step(0);
        }
        PictureFrame f = step(500);
        assertEquals(PictureMode.TOKENS, f.mode());
        assertEquals(20, f.queueDepth());
        assertEquals(PictureLayout.QUEUE_SLOTS, f.tokens().size());
        assertEquals(20 - PictureLayout.QUEUE_SLOTS, f.queueUntracked());
        assertNotNull(f.token(0));
        assertNull(f.token(19), "the newest wait beyond the places drawn");
    }

    @Test
    void aNewRunsFirstSnapshot_clearsThePicture() {
        snaps.submitted(2).running(0, 0);
        step(800);
        step(100);
        Snapshots again = new Snapshots().worker(0, WorkerState.IDLE, -1, 0);
        model.apply(again.next(), now += 100);
        PictureFrame f = model.advance(now);
        assertTrue(f.tokens().isEmpty());
        assertEquals(1, f.lanes().size());
    }

    @Test
    void whenOnlyTheLastSnapshotIsShown_itsRetiredWorkersStillGetLanes() {
        model.reset(10);
        Snapshots p = new Snapshots().worker(0, WorkerState.RETIRED, -1, 0).worker(1, WorkerState.RETIRED, -1, 0);
        model.apply(p.next(), now += 100);
        assertEquals(2, model.advance(now).lanes().size());
        model.apply(p.next(), now += 100);
        assertEquals(2, model.advance(now).lanes().size(), "kept");
    }
}
