package dev.poolscope.ui.picture;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.WorkerState;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static dev.poolscope.ui.FxWait.fx;
import static dev.poolscope.ui.FxWait.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class PoolPictureViewTest {
    private PoolPictureView view;
    private StackPane root;

    @Start
    void start(Stage stage) {
        view = new PoolPictureView();
        root = new StackPane(view);
        stage.setScene(new Scene(root, 900, 480));
        stage.show();
    }

    /** The colour drawn at a token's place (above its centre, clear of its number). */
    private Color colourAt(TokenView token) {
        return fx(() -> {
            TokenView t = view.frame().token(token.taskId()); // as drawn last, read with the pixels
            Point2D p = view.toPixels(t.x(), t.y());
            double r = new PicturePainter(null, x -> view.toPixels(x, 0).getX(), y -> view.toPixels(0, y).getY(),
                    view.frame()).radius();
            WritableImage img = view.snapshot(null, null);
            return img.getPixelReader().getColor((int) Math.round(p.getX()), (int) Math.round(p.getY() - r * 0.6));
        });
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.08 && Math.abs(a.getGreen() - b.getGreen()) < 0.08
                && Math.abs(a.getBlue() - b.getBlue()) < 0.08;
    }

    /** Waits until the frame drawn has the token at rest in this place (and lane). */
    private TokenView settled(long task, TokenPlace place, int lane) {
        waitUntil("task " + task + " at rest in " + place, 20, () -> {
            TokenView t = view.frame().token(task);
            if (t == null || t.place() != place || t.laneIndex() != lane) {
                return false;
            }
            TokenView again = view.frame().token(task);
            return again != null && again.alpha() > 0.95 && Math.abs(expectedX(t) - t.x()) < 0.004;
        });
        return fx(() -> view.frame().token(task));
    }

    private double expectedX(TokenView t) {
        return switch (t.place()) {
            case LANE -> PictureLayout.laneX(0);
            case DONE -> PictureLayout.trayX(0);
            case BIN -> PictureLayout.binX(0);
            case QUEUE -> t.x();
            case BOUNCE -> PictureLayout.bounceX();
        };
    }

    @Test
    @Timeout(60)
    void tokensAppearInTheirWorkersLane_andInItsTray_inTheirOutcomesColour() {
        Snapshots s = new Snapshots().worker(0, WorkerState.BUSY, -1, 0).worker(1, WorkerState.BUSY, -1, 0);
        fx(() -> {
            view.reset(4);
            view.show(s.submitted(2).running(1, 0).running(0, 1).next());
            return null;
        });
        TokenView running = settled(0, TokenPlace.LANE, 1);
        assertEquals(PictureLayout.laneY(1, 2), running.y(), 0.01, "task 0 is drawn on worker 1's lane");
        assertTrue(near(colourAt(running), PictureColours.RUNNING), "running colour, was " + colourAt(running));

        fx(() -> {
            view.show(s.ended(1, 0, Outcome.FAILED).ended(0, 1, Outcome.SUCCEEDED).next());
            return null;
        });
        TokenView failed = settled(0, TokenPlace.DONE, 1);
        Color c = colourAt(failed);
        assertTrue(near(c, PictureColours.of(TokenPlace.DONE, Outcome.FAILED)), "failed colour, was " + c);
        TokenView ok = settled(1, TokenPlace.DONE, 0);
        c = colourAt(ok);
        assertTrue(near(c, PictureColours.of(TokenPlace.DONE, Outcome.SUCCEEDED)), "succeeded colour, was " + c);
    }

    @Test
    @Timeout(60)
    void aRejectedTask_landsInTheBin_inTheRejectedColour() {
        Snapshots s = new Snapshots().worker(0, WorkerState.BUSY, -1, 0);
        fx(() -> {
            view.reset(1);
            view.show(s.submitted(2).running(0, 0).next());
            view.show(s.submitted(3).dropped(2, Outcome.REJECTED).next());
            return null;
        });
        TokenView rejected = settled(2, TokenPlace.BIN, -1);
        Color c = colourAt(rejected);
        assertTrue(near(c, PictureColours.REJECTED), "rejected colour, was " + c);
    }

    @Test
    @Timeout(60)
    void aReplacedWorker_isMarkedOnItsLane_withItsNewPid() {
        Snapshots s = new Snapshots().worker(0, WorkerState.BUSY, 7001, 0).worker(1, WorkerState.IDLE, 7002, 0);
        fx(() -> {
            view.reset(-1);
            view.show(s.submitted(1).running(0, 0).next());
            view.show(s.worker(0, WorkerState.DEAD, 7001, 1).ended(0, 0, Outcome.FAILED).next());
            view.show(s.worker(0, WorkerState.IDLE, 7003, 1).next());
            return null;
        });
        waitUntil("the replacement drawn", 20, () -> view.frame().lanes().size() == 2 && view.frame().lanes().get(0).pid() == 7003);
        LaneView lane = fx(() -> view.frame().lanes().get(0));
        assertTrue(lane.replacing());
        assertEquals(7001, lane.replacedPid());
        // the lane's border is drawn in the crash colour; the other lane's is not
        Color edge0 = fx(() -> pixel(PictureLayout.laneY(0, 2)));
        Color edge1 = fx(() -> pixel(PictureLayout.laneY(1, 2)));
        assertTrue(edge0.getRed() > 0.6 && edge0.getGreen() < 0.4, "crash mark on lane 0, was " + edge0);
        assertTrue(!(edge1.getRed() > 0.6 && edge1.getGreen() < 0.4), "no mark on lane 1, was " + edge1);
    }

    /** The reddest pixel across a lane's left edge at this height. */
    private Color pixel(double y) {
        Point2D p = view.toPixels(PictureLayout.LANE_LEFT, y);
        WritableImage img = view.snapshot(null, null);
        Color best = Color.WHITE;
        for (int dx = -2; dx <= 2; dx++) {
            Color c = img.getPixelReader().getColor((int) Math.round(p.getX()) + dx, (int) Math.round(p.getY()));
            if (c.getRed() - c.getGreen() > best.getRed() - best.getGreen()) {
                best = c;
            }
        }
        return best;
    }

    @Test
    @Timeout(60)
    void aHiddenPicture_drawsNothing_andDrawsAgainWhenShown() {
        Snapshots s = new Snapshots().worker(0, WorkerState.BUSY, -1, 0);
        fx(() -> {
            view.reset(-1);
            view.show(s.submitted(1).running(0, 0).next());
            return null;
        });
        waitUntil("the first frame", 20, () -> view.frame().token(0) != null);
        fx(() -> {
            root.setVisible(false);
            return null;
        });
        long before = fx(view::draws);
        for (int i = 0; i < 5; i++) {
            fx(() -> {
                view.show(s.next());
                return null;
            });
        }
        waitUntil("pulses pass", 10, () -> true);
        assertEquals(before, (long) fx(view::draws), "no frame drawn while hidden");
        fx(() -> {
            root.setVisible(true);
            return null;
        });
        waitUntil("drawn again once shown", 20, () -> view.draws() > before);
    }
}
