package dev.poolscope.ui.model;

import dev.poolscope.engine.Arrival;

/** The arrival patterns the form offers. */
public enum ArrivalKind {
    ALL_AT_ONCE("all at once"),
    FIXED_RATE("fixed rate"),
    POISSON("Poisson");

    private final String label;

    ArrivalKind(String label) {
        this.label = label;
    }

    /** The arrival for this kind at the given rate (ignored for all at once). */
    public Arrival arrival(double perSecond) {
        return switch (this) {
            case ALL_AT_ONCE -> new Arrival.AllAtOnce();
            case FIXED_RATE -> new Arrival.FixedRate(perSecond);
            case POISSON -> new Arrival.Poisson(perSecond);
        };
    }

    /** The kind of an engine arrival (batches are shown as all at once). */
    public static ArrivalKind of(Arrival a) {
        return switch (a) {
            case Arrival.FixedRate r -> FIXED_RATE;
            case Arrival.Poisson p -> POISSON;
            default -> ALL_AT_ONCE;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
