package dev.poolscope.ui.store;

import java.nio.file.Path;

/** Where the dashboard keeps its files: {@code -Dpoolscope.config.dir}, else {@code $XDG_CONFIG_HOME/poolscope}, else {@code ~/.config/poolscope}. */
public final class ConfigDir {
    /** System property that overrides the directory (tests use a temporary one). */
    public static final String PROPERTY = "poolscope.config.dir";

    private ConfigDir() {
    }

    /** The directory (not created here). */
    public static Path resolve() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("poolscope");
    }
}
