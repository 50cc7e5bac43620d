package dev.poolscope.ui.store;

/**
 * What loading a file gave: the value (empty if the file was missing or
 * unreadable) and, if it was unreadable, a warning for the user.
 *
 * @param value what was read, or the empty default
 * @param warning null, or what went wrong and where the bad file was moved
 */
public record LoadResult<T>(T value, String warning) {
}
