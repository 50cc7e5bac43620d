package dev.poolscope.engine;

/**
 * Thrown when a run's settings are invalid. The message is one line for users
 * that names the setting (as its command-line option) and the allowed values.
 */
public class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    /**
     * @param field the setting, as its command-line option (e.g. {@code --workers})
     * @param message what is wrong and what is allowed
     */
    public InvalidSpecException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The setting that is wrong, as its command-line option. */
    public String field() {
        return field;
    }
}
