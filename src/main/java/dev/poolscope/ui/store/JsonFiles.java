package dev.poolscope.ui.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Reading and atomically writing the dashboard's small JSON files; a corrupt file is moved aside. */
final class JsonFiles {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {
    }

    /** Writes text to a temporary file and moves it over the target. */
    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void write(Path file, JsonNode node) throws IOException {
        write(file, MAPPER.writeValueAsString(node));
    }

    /** Moves an unreadable file aside and returns the message for the user. */
    static String setAside(Path file, Exception cause) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return file.getFileName() + " could not be read (" + reason + "); it was moved to " + aside + " and a new one started";
        } catch (IOException e) {
            return file.getFileName() + " could not be read (" + reason + ") nor moved aside (" + e.getMessage() + ")";
        }
    }
}
