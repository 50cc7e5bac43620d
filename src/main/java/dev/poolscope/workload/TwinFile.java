package dev.poolscope.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload twin: what a watched pool's tasks were measured to do, as a file PoolScope replays
 * ({@code run --workload twin:file=F}). JSON, one object: {@code format} ({@code "poolscope-twin/1"}), {@code pool}
 * (the watched pool's name), {@code pid}, {@code threads} (its size when watched), {@code arrivalPerSecond} (tasks
 * submitted per second: completed plus rejected over the watch), {@code tasksMeasured} (tasks whose CPU time was
 * read), {@code cpuNanos} and {@code blockedNanos} (each a distribution: [{@code nanos}, {@code count}] pairs,
 * ascending, the values of one task's CPU time and of its wall time minus CPU time: waiting, blocked or sleeping),
 * and, for reading, {@code serviceP50Micros}, {@code serviceP99Micros} and {@code waitP99Micros} as watched
 * (each may be null). Immutable.
 *
 * @param pool the watched pool's name
 * @param pid the watched JVM
 * @param threads the pool's size when watched
 * @param arrivalPerSecond tasks submitted per second
 * @param cpu the distribution of one task's CPU time, nanoseconds
 * @param blocked the distribution of one task's blocked time, nanoseconds
 * @param serviceP50Micros the watched service time's median, or null
 * @param serviceP99Micros the watched service time's 99th percentile, or null
 * @param waitP99Micros the watched queue wait's 99th percentile, or null
 */
public record TwinFile(String pool, long pid, int threads, double arrivalPerSecond, Distribution cpu,
                       Distribution blocked, Double serviceP50Micros, Double serviceP99Micros, Double waitP99Micros) {
    /** The value of {@code format}. */
    public static final String FORMAT = "poolscope-twin/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A distribution of nanosecond values as ascending (value, count) pairs; {@link #at(double)} reads it as a
     * quantile function, so a uniform draw gives a value with the measured frequencies.
     */
    public record Distribution(long[] nanos, long[] counts) {
        public Distribution {
            nanos = nanos.clone();
            counts = counts.clone();
            if (nanos.length != counts.length) {
                throw new IllegalArgumentException("nanos and counts differ in length");
            }
        }

        /** Values recorded. */
        public long total() {
            long n = 0;
            for (long c : counts) {
                n += c;
            }
            return n;
        }

        /** The value at quantile {@code u} in [0, 1). */
        public long at(double u) {
            long total = total();
            if (total == 0) {
                return 0;
            }
            long rank = (long) (u * total);
            long seen = 0;
            for (int i = 0; i < nanos.length; i++) {
                seen += counts[i];
                if (rank < seen) {
                    return nanos[i];
                }
            }
            return nanos[nanos.length - 1];
        }

        /** The mean value. */
        public double mean() {
            long total = total();
            double sum = 0;
            for (int i = 0; i < nanos.length; i++) {
                sum += (double) nanos[i] * counts[i];
            }
            return total == 0 ? 0 : sum / total;
        }
    }

    /** Tasks whose CPU time was measured. */
    public long tasksMeasured() {
        return cpu.total();
    }

    /** Writes the twin as JSON to {@code file}. */
    public void write(Path file) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("pool", pool);
        o.put("pid", pid);
        o.put("threads", threads);
        o.put("arrivalPerSecond", Math.round(arrivalPerSecond * 1000) / 1000.0);
        o.put("tasksMeasured", tasksMeasured());
        put(o.putArray("cpuNanos"), cpu);
        put(o.putArray("blockedNanos"), blocked);
        o.put("serviceP50Micros", serviceP50Micros);
        o.put("serviceP99Micros", serviceP99Micros);
        o.put("waitP99Micros", waitP99Micros);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), o);
    }

    private static void put(ArrayNode a, Distribution d) {
        for (int i = 0; i < d.nanos.length; i++) {
            a.addObject().put("nanos", d.nanos[i]).put("count", d.counts[i]);
        }
    }

    /**
     * Reads a twin file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static TwinFile read(Path file) {
        JsonNode o;
        try {
            o = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("twin file '" + file + "' cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (o == null || !FORMAT.equals(o.path("format").asText())) {
            throw new IllegalArgumentException("twin file '" + file + "' is not a PoolScope twin (format must be " + FORMAT + ")");
        }
        double rate = o.path("arrivalPerSecond").asDouble(-1);
        if (!(rate > 0)) {
            throw new IllegalArgumentException("twin file '" + file + "': arrivalPerSecond must be above 0, was " + o.path("arrivalPerSecond"));
        }
        Distribution cpu = distribution(file, o, "cpuNanos");
        Distribution blocked = distribution(file, o, "blockedNanos");
        if (cpu.total() == 0) {
            throw new IllegalArgumentException("twin file '" + file + "': cpuNanos holds no measured task");
        }
        return new TwinFile(o.path("pool").asText(""), o.path("pid").asLong(), o.path("threads").asInt(1), rate, cpu,
                blocked, number(o, "serviceP50Micros"), number(o, "serviceP99Micros"), number(o, "waitP99Micros"));
    }

    private static Double number(JsonNode o, String field) {
        return o.path(field).isNumber() ? o.path(field).asDouble() : null;
    }

    private static Distribution distribution(Path file, JsonNode o, String field) {
        List<long[]> pairs = new ArrayList<>();
        for (JsonNode p : o.path(field)) {
            long v = p.path("nanos").asLong(-1);
            long c = p.path("count").asLong(-1);
            if (v < 0 || c < 0) {
                throw new IllegalArgumentException("twin file '" + file + "': every " + field + " entry needs nanos >= 0 and count >= 0");
            }
            pairs.add(new long[]{v, c});
        }
        pairs.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] nanos = new long[pairs.size()];
        long[] counts = new long[pairs.size()];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = pairs.get(i)[0];
            counts[i] = pairs.get(i)[1];
        }
        return new Distribution(nanos, counts);
    }
}
