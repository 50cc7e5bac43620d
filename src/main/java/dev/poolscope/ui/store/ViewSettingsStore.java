package dev.poolscope.ui.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the window looked when it last closed ({@code view.json} in the config
 * directory): presenter mode on or off, the zoom and the theme ({@code light}
 * or {@code dark}). A missing or unreadable
 * file gives the defaults; it never stops the window from opening.
 */
public final class ViewSettingsStore {
    /** The view settings. */
    public record Settings(boolean presenter, double zoom, String theme) {
        /** The light theme. */
        public static final String LIGHT = "light";
        /** The dark theme. */
        public static final String DARK = "dark";
        /** Presenter mode off, zoom 100%, the light theme. */
        public static final Settings DEFAULT = new Settings(false, 1.0, LIGHT);

        /** Presenter mode and zoom with the light theme. */
        public Settings(boolean presenter, double zoom) {
            this(presenter, zoom, LIGHT);
        }

        /** These settings with presenter mode and zoom replaced. */
        public Settings withPresenter(boolean on, double z) {
            return new Settings(on, z, theme);
        }

        /** These settings with the theme replaced. */
        public Settings withTheme(String t) {
            return new Settings(presenter, zoom, t);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path file;

    public ViewSettingsStore(Path configDir) {
        this.file = configDir.resolve("view.json");
    }

    /** The stored settings, or the defaults. */
    public Settings load() {
        try {
            if (!Files.isRegularFile(file)) {
                return Settings.DEFAULT;
            }
            JsonNode n = MAPPER.readTree(file.toFile());
            double zoom = n.path("zoom").asDouble(1.0);
            String theme = Settings.DARK.equals(n.path("theme").asText()) ? Settings.DARK : Settings.LIGHT;
            return new Settings(n.path("presenter").asBoolean(false), zoom >= 0.5 && zoom <= 3 ? zoom : 1.0, theme);
        } catch (IOException | RuntimeException e) {
            return Settings.DEFAULT;
        }
    }

    /** Stores the settings (best effort). */
    public void save(Settings s) throws IOException {
        Files.createDirectories(file.getParent());
        ObjectNode n = MAPPER.createObjectNode();
        n.put("presenter", s.presenter());
        n.put("zoom", s.zoom());
        n.put("theme", s.theme());
        Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }
}
