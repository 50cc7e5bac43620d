package dev.poolscope.ui.picture;

/**
 * Where things sit in the pool picture, in unit coordinates: x from 0 (left,
 * where tasks arrive) to 1 (right, where ended tasks go), y from 0 (top of the
 * picture area, below its header) to 1 (bottom). The model places tokens with
 * it and the view draws the queue, lanes and trays with it.
 */
public final class PictureLayout {
    /** Queue places drawn; more waiting tasks are shown as a number. */
    public static final int QUEUE_SLOTS = 12;
    public static final double ARRIVAL_X = 0.0;
    public static final double QUEUE_LEFT = 0.04;
    public static final double QUEUE_RIGHT = 0.40;
    public static final double QUEUE_Y = 0.45;
    public static final double LANE_LEFT = 0.47;
    public static final double LANE_RIGHT = 0.77;
    public static final double DONE_LEFT = 0.80;
    public static final double DONE_RIGHT = 0.99;
    public static final double BIN_Y = 0.86;
    /** Ended tokens shown per lane's tray, and never-run tokens in the bin. */
    public static final int TRAY_PLACES = 7;

    private PictureLayout() {
    }

    /** Width of one queue place. */
    public static double slotWidth() {
        return (QUEUE_RIGHT - QUEUE_LEFT) / QUEUE_SLOTS;
    }

    /** Centre of queue place {@code i} (0 is the head, next to the workers). */
    public static double queueX(int i) {
        return QUEUE_RIGHT - (Math.min(i, QUEUE_SLOTS - 1) + 0.5) * slotWidth();
    }

    /** Where a task rejected on arrival bounces: just outside the tail of the queue. */
    public static double bounceX() {
        return QUEUE_LEFT - slotWidth() * 0.6;
    }

    public static double bounceY() {
        return QUEUE_Y - 0.12;
    }

    /** Top of lane {@code i} of {@code n}: the lanes are centred on the queue's height when they do not fill it. */
    public static double laneTop(int i, int n) {
        double h = laneHeight(n);
        double top = Math.max(0, Math.min(QUEUE_Y - Math.max(1, n) * h / 2, 1 - Math.max(1, n) * h));
        return top + i * h;
    }

    /** Height of one lane of {@code n}: a share of the height, at most {@link #MAX_LANE_HEIGHT}. */
    public static double laneHeight(int n) {
        return Math.min(MAX_LANE_HEIGHT, 1.0 / Math.max(1, n));
    }

    /** The tallest a lane gets, so few workers do not make huge lanes. */
    public static final double MAX_LANE_HEIGHT = 0.3;

    /** Centre of lane {@code i} of {@code n}. */
    public static double laneY(int i, int n) {
        return laneTop(i, n) + laneHeight(n) / 2;
    }

    /** Where the {@code k}-th token running on a lane sits (a process worker may run more than one). */
    public static double laneX(int k) {
        return (LANE_LEFT + LANE_RIGHT) / 2 + k * 0.03;
    }

    /** Place {@code k} (0 is the newest) of a lane's tray of ended tokens. */
    public static double trayX(int k) {
        return DONE_LEFT + 0.012 + Math.min(k, TRAY_PLACES - 1) * (DONE_RIGHT - DONE_LEFT - 0.024) / (TRAY_PLACES - 1);
    }

    /** Place {@code k} (0 is the newest) of the bin of tasks that never ran. */
    public static double binX(int k) {
        return QUEUE_LEFT + 0.012 + Math.min(k, TRAY_PLACES - 1) * (QUEUE_RIGHT - QUEUE_LEFT - 0.024) / (TRAY_PLACES - 1);
    }
}
