package dev.poolscope.workload;

/**
 * One parameter of a workload: its name, meaning, default and allowed range.
 * Values are numbers; {@link #integer()} ones must be whole.
 *
 * @param name the key used in {@code name:key=value}
 * @param description what it controls, with its unit
 * @param defaultValue the value used when it is not given
 * @param min smallest allowed value
 * @param max largest allowed value
 * @param integer true if only whole numbers are allowed
 * @param text true for a text parameter (a file name): no number, no range, no default
 */
public record ParamSpec(String name, String description, double defaultValue, double min, double max, boolean integer,
                        boolean text) {

    /** A number parameter. */
    public ParamSpec(String name, String description, double defaultValue, double min, double max, boolean integer) {
        this(name, description, defaultValue, min, max, integer, false);
    }

    /** A text parameter, such as a file name. */
    public static ParamSpec text(String name, String description) {
        return new ParamSpec(name, description, 0, 0, 0, false, true);
    }

    /** A whole-number parameter. */
    public static ParamSpec integer(String name, String description, long def, long min, long max) {
        return new ParamSpec(name, description, def, min, max, true);
    }

    /** A decimal parameter. */
    public static ParamSpec decimal(String name, String description, double def, double min, double max) {
        return new ParamSpec(name, description, def, min, max, false);
    }

    /**
     * Parses and checks a value.
     *
     * @throws IllegalArgumentException naming the parameter, the workload and the allowed range
     */
    public double parse(String workload, String text) {
        if (this.text) {
            throw new IllegalArgumentException("parameter '" + name + "' of workload '" + workload + "' is text, not a number");
        }
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' of workload '" + workload
                    + "' must be a number" + range() + ", was '" + text + "'");
        }
        if (Double.isNaN(v) || v < min || v > max || (integer && v != Math.rint(v))) {
            throw new IllegalArgumentException("parameter '" + name + "' of workload '" + workload
                    + "' must be " + (integer ? "a whole number" : "a number") + range() + ", was '" + text + "'");
        }
        return v;
    }

    private String range() {
        return " between " + format(min) + " and " + format(max);
    }

    /** The default as text. */
    public String defaultText() {
        return format(defaultValue);
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
