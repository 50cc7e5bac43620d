package dev.poolscope.host;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.poolscope.engine.Arrival;

import java.io.IOException;
import java.time.Duration;

/**
 * The engine host's wire format: the engine's records (specs, snapshots,
 * reports) written generically by Jackson from their components, so a
 * component added to a record travels without a change here. Each message is
 * one line of JSON. Thread-safe.
 */
public final class HostJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(Arrival.class, ArrivalTypes.class)
            .registerModule(new SimpleModule("poolscope-host")
                    .addSerializer(Duration.class, new DurationWriter())
                    .addDeserializer(Duration.class, new DurationReader()));

    private HostJson() {
    }

    /** One message as a line of JSON (no line break inside). */
    public static String line(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one line written by {@link #line}.
     *
     * @throws IllegalArgumentException if the line is not such a message
     */
    public static <T> T read(String line, Class<T> type) {
        try {
            return MAPPER.readValue(line, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed host message: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** Arrival patterns are a sealed family: the JSON names which one. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Arrival.AllAtOnce.class), @JsonSubTypes.Type(Arrival.FixedRate.class),
            @JsonSubTypes.Type(Arrival.Poisson.class), @JsonSubTypes.Type(Arrival.Batches.class)})
    private interface ArrivalTypes {
    }

    /** Durations as ISO-8601 text ({@code PT0.1S}), exact to the nanosecond. */
    private static final class DurationWriter extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class DurationReader extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Duration.parse(p.getValueAsString());
        }
    }
}
