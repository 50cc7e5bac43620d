package dev.poolscope.ui.model;

/** The run form's inputs, each tied to the command-line option that names it in engine messages. */
public enum FormField {
    POOL("--pool"),
    WORKERS("--workers"),
    QUEUE_CAPACITY("--queue-capacity"),
    REJECTION("--rejection"),
    WORKLOAD("--workload"),
    TASKS("--tasks"),
    RATE("--rate"),
    SEED("--seed"),
    TASK_TIMEOUT("--task-timeout"),
    QUEUE_ORDER("--queue-order");

    private final String option;

    FormField(String option) {
        this.option = option;
    }

    /** The command-line option, e.g. {@code --workers}. */
    public String option() {
        return option;
    }

    /** The field an engine message names, or {@link #WORKLOAD} for anything unknown. */
    public static FormField ofOption(String option) {
        for (FormField f : values()) {
            if (f.option.equals(option)) {
                return f;
            }
        }
        return option != null && option.startsWith("--batch") ? RATE : WORKLOAD;
    }
}
