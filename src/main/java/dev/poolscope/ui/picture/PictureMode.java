package dev.poolscope.ui.picture;

/** How the pool picture shows tasks. */
public enum PictureMode {
    /** One token per task, each move animated: for low arrival rates, at a pace a class can follow. */
    TOKENS,
    /** Counts per lane and a queue bar with its number: for rates too high to follow token by token. */
    SUMMARY
}
