package dev.poolscope.ui.view;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.TaskSpan;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.ui.model.Format;
import dev.poolscope.ui.model.TimelineFrame;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A row per worker and a bar per recent task, coloured by outcome, drawn on a
 * canvas that follows the region's size. The time window fits the spans the
 * engine keeps (at most 10 s), so idle gaps and long tasks show at any speed.
 */
public final class TimelineView extends Region {
    static final Color RUNNING = Color.web("#4fc3f7");
    static final Color SUCCEEDED = Color.web("#2e9e6b");
    static final Color FAILED = Color.web("#d9534f");
    static final Color TIMED_OUT = Color.web("#f0a030");
    static final Color CANCELLED = Color.web("#9e9e9e");
    private static final double LABEL_WIDTH = 70;

    private final Canvas canvas = new Canvas();
    private TimelineFrame frame = TimelineFrame.EMPTY;

    public TimelineView() {
        getStyleClass().add("timeline");
        getChildren().add(canvas);
        setMinSize(120, 60);
        setPrefSize(400, 200);
    }

    /** Shows a new frame. FX thread. */
    public void setFrame(TimelineFrame f) {
        frame = f == null ? TimelineFrame.EMPTY : f;
        draw();
    }

    /** The frame shown. */
    public TimelineFrame getFrame() {
        return frame;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#fbfcfd"));
        g.fillRect(0, 0, w, h);
        List<WorkerSnapshot> workers = frame.workers();
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        if (workers.isEmpty() || w < LABEL_WIDTH + 20 || h < 20) {
            g.setFill(Color.GRAY);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("Workers appear here while a run goes", w / 2, h / 2);
            return;
        }
        long now = frame.nowNanos();
        // start where every worker with spans still has them, so a blank stretch means idle, not "no data kept"
        Map<Integer, Long> firstOf = new HashMap<>();
        for (TaskSpan s : frame.spans()) {
            firstOf.merge(s.workerId(), s.startNanos(), Math::min);
        }
        long earliest = firstOf.values().stream().mapToLong(Long::longValue).max().orElse(now);
        long window = Math.max(50_000_000L, Math.min(10_000_000_000L, now - earliest));
        long left = now - window;
        double top = 16;
        double rowH = Math.max(3, Math.min(26, (h - top - 2) / workers.size()));
        double plotW = w - LABEL_WIDTH - 4;
        Map<Integer, Integer> rowOf = new HashMap<>();
        g.setTextAlign(TextAlignment.LEFT);
        for (int i = 0; i < workers.size(); i++) {
            WorkerSnapshot ws = workers.get(i);
            rowOf.put(ws.id(), i);
            double y = top + i * rowH;
            g.setFill(i % 2 == 0 ? Color.web("#eef2f6") : Color.web("#f6f8fa"));
            g.fillRect(LABEL_WIDTH, y, plotW, rowH - 1);
            if (rowH >= 10) {
                g.setFill(Color.web("#333"));
                g.fillText(shortLabel(ws), 4, y + rowH / 2);
            }
        }
        for (TaskSpan s : frame.spans()) {
            Integer row = rowOf.get(s.workerId());
            if (row == null) {
                continue;
            }
            long end = s.running() ? now : s.endNanos();
            if (end < left) {
                continue;
            }
            double x0 = LABEL_WIDTH + Math.max(0, (s.startNanos() - left) / (double) window * plotW);
            double x1 = LABEL_WIDTH + Math.min(plotW, (end - left) / (double) window * plotW);
            double y = top + row * rowH + 1;
            g.setFill(colour(s));
            g.fillRect(x0, y, Math.max(1, x1 - x0 - 0.5), Math.max(1, rowH - 3));
        }
        g.setFill(Color.web("#555"));
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("last " + windowText(window) + "  ·  ■ running ■ ok ■ failed ■ timed out", w - 4, 8);
        drawLegendColours(g, w);
    }

    private static String windowText(long window) {
        return window < 1_000_000_000L ? (window / 1_000_000) + " ms" : Format.decimal(window / 1e9, 1) + " s";
    }

    private void drawLegendColours(GraphicsContext g, double w) {
        // repaint the legend squares in their colours over the text drawn above
        String tail = "■ running ■ ok ■ failed ■ timed out";
        Font f = g.getFont();
        javafx.scene.text.Text t = new javafx.scene.text.Text(tail);
        t.setFont(f);
        double x = w - 4 - t.getLayoutBounds().getWidth();
        String[] parts = {"■ running ", "■ ok ", "■ failed ", "■ timed out"};
        Color[] colours = {RUNNING, SUCCEEDED, FAILED, TIMED_OUT};
        g.setTextAlign(TextAlignment.LEFT);
        for (int i = 0; i < parts.length; i++) {
            g.setFill(colours[i]);
            g.fillText("■", x, 8);
            javafx.scene.text.Text p = new javafx.scene.text.Text(parts[i]);
            p.setFont(f);
            x += p.getLayoutBounds().getWidth();
        }
    }

    private static String shortLabel(WorkerSnapshot ws) {
        String l = ws.label() == null ? "#" + ws.id() : ws.label();
        return l.length() > 11 ? l.substring(l.length() - 11) : l;
    }

    static Color colour(TaskSpan s) {
        if (s.running() || s.outcome() == null) {
            return RUNNING;
        }
        return switch (s.outcome()) {
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case TIMED_OUT -> TIMED_OUT;
            case CANCELLED, REJECTED -> CANCELLED;
        };
    }

    /** Outcome colours, for tests and legends. */
    public static Color colourOf(Outcome o) {
        return colour(new TaskSpan(0, 0, 0, 1, o));
    }
}
