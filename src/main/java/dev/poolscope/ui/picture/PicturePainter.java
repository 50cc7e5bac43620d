package dev.poolscope.ui.picture;

import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.WorkerState;
import dev.poolscope.ui.model.Format;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.function.DoubleUnaryOperator;

/** Draws one {@link PictureFrame} on a canvas: header, queue, bin, lanes with trays, tokens. FX thread. */
final class PicturePainter {
    private static final Font SMALL = Font.font(11);
    private static final Font NORMAL = Font.font(12);
    private static final Font BOLD = Font.font(null, FontWeight.BOLD, 13);
    private static final Font BIG = Font.font(null, FontWeight.BOLD, 22);

    private final GraphicsContext g;
    private final DoubleUnaryOperator px;
    private final DoubleUnaryOperator py;
    private final PictureFrame f;
    private final int n;

    PicturePainter(GraphicsContext g, DoubleUnaryOperator px, DoubleUnaryOperator py, PictureFrame f) {
        this.g = g;
        this.px = px;
        this.py = py;
        this.f = f;
        this.n = f.lanes().size();
    }

    private double x(double u) {
        return px.applyAsDouble(u);
    }

    private double y(double u) {
        return py.applyAsDouble(u);
    }

    /** Radius of a token: fits a queue place and a lane. */
    double radius() {
        double slot = x(PictureLayout.slotWidth()) - x(0);
        double lane = y(PictureLayout.laneHeight(n)) - y(0);
        return Math.max(3, Math.min(11, Math.min(slot * 0.4, lane * 0.3)));
    }

    void header(double w) {
        Counts c = f.counts();
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(BOLD);
        g.setFill(PictureColours.TEXT);
        String mode = f.mode() == PictureMode.TOKENS ? "every task shown" : "too fast to follow task by task: counts";
        g.fillText("The pool, task by task  ·  " + Format.decimal(f.tasksPerSecond(), 1) + " tasks/s  ·  " + mode, 10, 11);
        g.setFont(NORMAL);
        double x = 10;
        x = item(x, 29, PictureColours.WAITING, Format.count(f.queueDepth()) + " waiting");
        x = item(x, 29, PictureColours.RUNNING, Format.count(c.running()) + " running");
        x = item(x, 29, PictureColours.of(TokenPlace.DONE, Outcome.SUCCEEDED), Format.count(c.succeeded()) + " succeeded");
        x = item(x, 29, PictureColours.of(TokenPlace.DONE, Outcome.FAILED), Format.count(c.failed()) + " failed");
        x = item(x, 29, PictureColours.of(TokenPlace.DONE, Outcome.TIMED_OUT), Format.count(c.timedOut()) + " timed out");
        x = item(x, 29, PictureColours.of(TokenPlace.DONE, Outcome.CANCELLED), Format.count(c.cancelled()) + " cancelled");
        item(x, 29, PictureColours.REJECTED, Format.count(c.rejected()) + " rejected");
    }

    private double item(double x, double yy, Color colour, String text) {
        g.setFill(colour);
        g.fillOval(x, yy - 5, 10, 10);
        g.setFill(PictureColours.TEXT);
        g.fillText(text, x + 14, yy);
        return x + 14 + text.length() * 6.6 + 14;
    }

    void queue(long maxDepthSeen) {
        double slot = x(PictureLayout.slotWidth()) - x(0);
        double r = radius();
        double h = Math.max(2 * r + 8, 22);
        double left = x(PictureLayout.QUEUE_LEFT);
        double right = x(PictureLayout.QUEUE_RIGHT);
        double mid = y(PictureLayout.QUEUE_Y);
        boolean full = f.queueCapacity() >= 0 && f.queueDepth() >= f.queueCapacity();
        g.setFill(PictureColours.BOX);
        g.fillRoundRect(left, mid - h / 2, right - left, h, 8, 8);
        g.setStroke(full ? PictureColours.REJECTED : PictureColours.BOX_EDGE);
        g.setLineWidth(full ? 2.5 : 1);
        g.strokeRoundRect(left, mid - h / 2, right - left, h, 8, 8);
        g.setLineWidth(1);
        if (f.mode() == PictureMode.TOKENS) {
            int places = f.queueCapacity() < 0 ? f.queueSlots() : Math.min(f.queueSlots(), f.queueCapacity());
            g.setStroke(PictureColours.BOX_EDGE);
            for (int i = 1; i < f.queueSlots(); i++) {
                double sx = right - i * slot;
                g.strokeLine(sx, mid - h / 2 + 3, sx, mid + h / 2 - 3);
            }
            if (places < f.queueSlots()) { // a small queue: the places it does not have are greyed out
                g.setFill(Color.web("#cfd8dc"));
                g.fillRect(left + 1, mid - h / 2 + 1, right - places * slot - left - 1, h - 2);
            }
        } else {
            double share = f.queueCapacity() > 0 ? f.queueDepth() / (double) f.queueCapacity()
                    : f.queueDepth() / (double) Math.max(1, maxDepthSeen);
            g.setFill(PictureColours.WAITING.deriveColor(0, 1, 1, 0.55));
            double bw = (right - left) * Math.min(1, share);
            g.fillRoundRect(right - bw, mid - h / 2, bw, h, 8, 8);
            g.setFill(PictureColours.TEXT);
            g.setFont(BIG);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(Format.count(f.queueDepth()), (left + right) / 2, mid);
        }
        g.setFont(NORMAL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(full ? PictureColours.REJECTED : PictureColours.TEXT);
        String cap = f.queueCapacity() < 0 ? "unbounded" : "capacity " + Format.count(f.queueCapacity());
        g.fillText("Queue: " + Format.count(f.queueDepth()) + " waiting (" + cap + ")" + (full ? " — full" : ""), left, mid - h / 2 - 10);
        if (f.mode() == PictureMode.TOKENS && f.queueUntracked() > 0) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText("+" + Format.count(f.queueUntracked()) + " more", left - 4, mid);
        }
        g.setStroke(PictureColours.MUTED);
        arrow(right + 4, mid, x(PictureLayout.LANE_LEFT) - 4, mid);
        arrow(x(PictureLayout.ARRIVAL_X), mid, left - 2, mid);
        // the bin of tasks that never ran
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(PictureColours.MUTED);
        Counts c = f.counts();
        g.fillText("Never ran: " + Format.count(c.rejected()) + " rejected, " + Format.count(c.cancelled()) + " cancelled",
                left, y(PictureLayout.BIN_Y) - r - 10);
    }

    private void arrow(double x0, double y0, double x1, double y1) {
        if (x1 - x0 < 6) {
            return;
        }
        g.strokeLine(x0, y0, x1, y1);
        g.strokeLine(x1, y1, x1 - 5, y1 - 4);
        g.strokeLine(x1, y1, x1 - 5, y1 + 4);
    }

    void lanes() {
        double left = x(PictureLayout.LANE_LEFT);
        double right = x(PictureLayout.LANE_RIGHT);
        double trayLeft = x(PictureLayout.DONE_LEFT);
        double trayRight = x(PictureLayout.DONE_RIGHT);
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(PictureColours.MUTED);
        g.fillText("Workers (a lane each)", left, y(0) - 8);
        g.fillText("Ended (newest first)", trayLeft, y(0) - 8);
        for (int i = 0; i < n; i++) {
            LaneView lane = f.lanes().get(i);
            double top = y(PictureLayout.laneTop(i, n)) + 1;
            double hh = y(PictureLayout.laneHeight(n)) - y(0) - 2;
            g.setFill(switch (lane.state()) {
                case BUSY -> PictureColours.BUSY_LANE;
                case STARTING, RECYCLING -> PictureColours.STARTING_LANE;
                case DEAD -> PictureColours.DEAD_LANE;
                default -> PictureColours.BOX;
            });
            g.fillRoundRect(left, top, right - left, hh, 6, 6);
            g.setFill(PictureColours.BOX);
            g.fillRoundRect(trayLeft, top, trayRight - trayLeft, hh, 6, 6);
            // busy share of the last interval, a thin bar along the lane's foot
            g.setFill(PictureColours.RUNNING.deriveColor(0, 1, 0.8, 0.8));
            g.fillRect(left + 2, top + hh - 3, (right - left - 4) * Math.max(0, Math.min(1, lane.busyFraction())), 2);
            if (lane.replacedHighlight() > 0) {
                g.setStroke(PictureColours.CRASHED.deriveColor(0, 1, 1, Math.max(0.25, lane.replacedHighlight())));
                g.setLineWidth(3);
                g.strokeRoundRect(left, top, right - left, hh, 6, 6);
                g.setLineWidth(1);
            }
            laneText(lane, left, right, top, hh);
        }
    }

    private void laneText(LaneView lane, double left, double right, double top, double hh) {
        if (hh < 12) {
            return;
        }
        double line = Math.min(14, hh / 3);
        boolean two = hh >= 30;
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(PictureColours.TEXT);
        String name = lane.label() + (lane.pid() > 0 ? "  pid " + lane.pid() : "");
        String state = lane.state() == WorkerState.DEAD ? "crashed" : lane.state().name().toLowerCase(java.util.Locale.ROOT);
        g.fillText(name + "  ·  " + state, left + 5, two ? top + line : top + hh / 2);
        String counts = f.mode() == PictureMode.TOKENS
                ? Format.count(lane.succeeded()) + " ok" + (lane.failed() > 0 ? " · " + Format.count(lane.failed()) + " failed" : "")
                  + (lane.timedOut() > 0 ? " · " + Format.count(lane.timedOut()) + " timed out" : "")
                  + (lane.cancelled() > 0 ? " · " + Format.count(lane.cancelled()) + " cancelled" : "")
                : Format.count(lane.tasks()) + " tasks · busy " + Format.percent(lane.busyFraction());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(counts, right - 5, two ? top + line : top + hh / 2);
        if (!two) {
            return;
        }
        g.setTextAlign(TextAlignment.LEFT);
        if (lane.replacedPid() > 0 && (lane.replacedHighlight() > 0 || lane.state() == WorkerState.DEAD)) {
            g.setFill(PictureColours.CRASHED);
            String what = lane.recycled() ? "recycled" : "crashed";
            String next = lane.pid() > 0 && lane.pid() != lane.replacedPid() ? ", replaced by pid " + lane.pid() : ", replacing…";
            g.fillText("✕ pid " + lane.replacedPid() + " " + what + next, left + 5, top + hh - line);
        } else if (lane.restarts() > 0) {
            g.setFill(PictureColours.MUTED);
            g.fillText(lane.restarts() + (lane.restarts() == 1 ? " restart" : " restarts"), left + 5, top + hh - line);
        }
    }

    void tokens() {
        double r = radius();
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        Font label = Font.font(Math.max(7, r * 0.75));
        for (TokenView t : f.tokens()) {
            if (t.alpha() <= 0) {
                continue;
            }
            double cx = x(t.x());
            double cy = y(t.y());
            Color c = PictureColours.of(t.place(), t.outcome());
            g.setGlobalAlpha(t.alpha());
            g.setFill(c);
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            g.setStroke(c.darker());
            g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
            if (r >= 8) {
                g.setFill(Color.WHITE);
                g.setFont(label);
                g.fillText(Long.toString(t.taskId() % 1000), cx, cy);
            }
        }
        g.setGlobalAlpha(1);
    }
}
