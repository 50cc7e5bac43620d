package dev.poolscope.ui.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.engine.RunSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named run presets in {@code presets.json}. Not thread-safe: call from one thread. */
public final class PresetStore {
    private final Path dir;

    /** A store in the given config directory. */
    public PresetStore(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve("presets.json");
    }

    /** Reads the presets by name, in saved order; an unreadable file is moved aside. */
    public LoadResult<Map<String, RunSpec>> load() {
        Path f = file();
        if (!Files.exists(f)) {
            return new LoadResult<>(Map.of(), null);
        }
        try {
            JsonNode root = JsonFiles.MAPPER.readTree(f.toFile());
            JsonNode presets = root == null ? null : root.get("presets");
            if (presets == null || !presets.isObject()) {
                throw new IOException("no 'presets' object");
            }
            Map<String, RunSpec> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = presets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), SpecJson.fromJson(e.getValue()));
            }
            return new LoadResult<>(out, null);
        } catch (IOException | RuntimeException e) {
            return new LoadResult<>(Map.of(), JsonFiles.setAside(f, e));
        }
    }

    /** Writes all presets. */
    public void save(Map<String, RunSpec> presets) throws IOException {
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        root.put("version", 1);
        ObjectNode p = root.putObject("presets");
        presets.forEach((name, spec) -> p.set(name, SpecJson.toJson(spec)));
        JsonFiles.write(file(), root);
    }
}
