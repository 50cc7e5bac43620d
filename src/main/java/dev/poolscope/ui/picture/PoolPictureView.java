package dev.poolscope.ui.picture;

import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.ui.model.LiveRunModel;
import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;

/**
 * A picture of the pool itself, for teaching its mechanics: the queue as a row
 * of tasks, each worker as a lane, tasks moving from the queue to a worker and
 * on to its tray coloured by outcome, rejected tasks bouncing off a full queue,
 * a crashed worker process marked and replaced by a new one; at high rates,
 * counts per lane and a queue bar with its number instead (see
 * {@link PoolPictureModel}, which it draws).
 *
 * <p>The FX thread only renders: snapshots arrive already coalesced, each is
 * folded into the model at once (cheap), and one {@link AnimationTimer} draws,
 * at most 30 frames a second while tokens move, once per snapshot when only
 * counts change, and not at all while the view is hidden or nothing changes.
 */
public final class PoolPictureView extends Region {
    private static final long FRAME_NANOS = 33_000_000L;
    private static final double HEADER = 62;

    private final Canvas canvas = new Canvas();
    private final PoolPictureModel model = new PoolPictureModel();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse(now);
        }
    };
    private final InvalidationListener kick = o -> kick();
    private final List<Observable> watched = new ArrayList<>();
    private PictureFrame frame = PictureFrame.EMPTY;
    private boolean dirty = true;
    private boolean timerOn;
    private long lastDraw;
    private long draws;
    private long drawNanos;
    private long maxDepthSeen = 1;

    public PoolPictureView() {
        getStyleClass().add("pool-picture");
        getChildren().add(canvas);
        setMinSize(200, 140);
        setPrefSize(800, 420);
        sceneProperty().addListener((o, was, now) -> watchAncestors());
    }

    /** Follows the live model: a new run clears the picture, each snapshot shown is drawn. */
    public void bind(LiveRunModel live) {
        Runnable clear = () -> {
            RunSpec spec = live.specProperty().get();
            reset(spec == null ? PoolConfig.UNBOUNDED : spec.queueCapacity());
        };
        live.specProperty().addListener((o, was, now) -> clear.run());
        live.snapshotProperty().addListener((o, was, now) -> {
            if (now == null) {
                clear.run();
            } else {
                show(now);
            }
        });
    }

    /** Clears the picture for a run whose queue holds {@code queueCapacity} tasks. FX thread. */
    public void reset(int queueCapacity) {
        model.reset(queueCapacity);
        maxDepthSeen = 1;
        kick();
    }

    /** Folds one snapshot into the picture. FX thread. */
    public void show(MetricsSnapshot s) {
        model.apply(s, System.nanoTime() / 1_000_000);
        kick();
    }

    /** The model drawn. */
    PoolPictureModel model() {
        return model;
    }

    /** The frame drawn last. */
    public PictureFrame frame() {
        return frame;
    }

    /** Frames drawn so far, and the time spent drawing them (for the cost of watching). */
    public long draws() {
        return draws;
    }

    public long drawNanos() {
        return drawNanos;
    }

    /** Where a point in the picture's unit coordinates is on the canvas, in pixels. */
    Point2D toPixels(double x, double y) {
        return new Point2D(px(x), py(y));
    }

    private void kick() {
        dirty = true;
        if (!timerOn) {
            timerOn = true;
            timer.start();
        }
    }

    private void pulse(long now) {
        if (!shown()) {
            stopTimer(); // a visibility change of an ancestor kicks it again
            return;
        }
        boolean moving = model.mode() == PictureMode.TOKENS && model.moving();
        if (!dirty && !moving) {
            stopTimer();
            return;
        }
        if (now - lastDraw < FRAME_NANOS) {
            return;
        }
        lastDraw = now;
        dirty = false;
        long t0 = System.nanoTime();
        frame = model.advance(now / 1_000_000);
        draw();
        drawNanos += System.nanoTime() - t0;
        draws++;
    }

    private void stopTimer() {
        timer.stop();
        timerOn = false;
    }

    /** True if this view and every ancestor are visible in a window. */
    private boolean shown() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** A hidden tab's content is made visible again without a new snapshot: watch the ancestors' visibility. */
    private void watchAncestors() {
        for (Observable o : watched) {
            o.removeListener(kick);
        }
        watched.clear();
        for (Parent p = getParent(); p != null; p = p.getParent()) {
            p.visibleProperty().addListener(kick);
            watched.add(p.visibleProperty());
            p.parentProperty().addListener(kick);
            watched.add(p.parentProperty());
        }
        kick();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            kick();
        }
    }

    private double px(double x) {
        return 10 + x * (canvas.getWidth() - 20);
    }

    private double py(double y) {
        return HEADER + y * (canvas.getHeight() - HEADER - 6);
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(PictureColours.BACKGROUND);
        g.fillRect(0, 0, w, h);
        if (w < 100 || h < HEADER + 40) {
            return;
        }
        g.setTextBaseline(VPos.CENTER);
        PictureFrame f = frame;
        if (f.lanes().isEmpty()) {
            g.setFill(PictureColours.MUTED);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFont(Font.font(13));
            g.fillText("The pool appears here while a run goes: its queue, a lane per worker, each task on its way", w / 2, h / 2);
            return;
        }
        PicturePainter painter = new PicturePainter(g, this::px, this::py, f);
        maxDepthSeen = Math.max(maxDepthSeen, f.queueDepth());
        painter.header(w);
        painter.queue(maxDepthSeen);
        painter.lanes();
        painter.tokens();
    }
}
