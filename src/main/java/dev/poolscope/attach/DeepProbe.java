package dev.poolscope.attach;

import javax.management.ObjectName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads pools through the deep probe, an agent loaded into the target: every {@code ThreadPoolExecutor}'s
 * queue depth, completed and rejected tasks, and per-task service, CPU and queue-wait times; a
 * {@code ForkJoinPool}'s own counters. Worker threads and pools the agent has not seen come from a thread dump
 * taken at most once a second.
 *
 * <p>Opening it loads the agent (the target prints the JDK's warning about an agent loaded at run time); closing
 * it removes the agent's advice so the target runs its original code; the agent's classes stay loaded
 * ({@link #WHAT_STAYS}). If PoolScope ends without closing it, the agent removes its advice by itself once no one
 * has read it for {@link #IDLE_MILLIS} ms.
 */
public final class DeepProbe implements Probe {
    /** How long the agent waits for a reader before it removes its advice by itself. */
    public static final long IDLE_MILLIS = 10_000;
    /** What loading the agent does to the target that detaching cannot undo; to state before loading. */
    public static final String WHAT_STAYS = "Deep mode loads PoolScope's agent into the target: the target prints a "
            + "warning about an agent loaded at run time (JEP 451), and may print a class-data-sharing and a ByteBuddy "
            + "sun.misc.Unsafe warning; java.lang and java.util.concurrent are opened to the "
            + "agent; the agent's classes (about 5 MB with its own ByteBuddy) stay loaded after detach, idle, and a small thread-local record in each worker thread that ran a sampled task; its advice "
            + "in ThreadPoolExecutor is removed on detach, or " + IDLE_MILLIS / 1000 + " s after PoolScope stops reading.";
    /** Service (wall) times are recorded for one task in {@code 2^SERVICE_SAMPLE_BITS}, per worker, at random. */
    public static final int SERVICE_SAMPLE_BITS = 3;
    /** CPU and blocked times: one task in {@code 2^CPU_SAMPLE_BITS} (a CPU-time reading costs about 1 us here). */
    public static final int CPU_SAMPLE_BITS = 8;
    /** CPU and blocked times when the watch writes a workload twin, which needs more of them. */
    public static final int TWIN_CPU_SAMPLE_BITS = 5;
    /** Queue waits: one submission in {@code 2^WAIT_SAMPLE_BITS} tries to stamp its task (one at a time per pool). */
    public static final int WAIT_SAMPLE_BITS = 4;
    private static final long DUMP_NANOS = 1_000_000_000L;

    private final TargetConnection target;
    private final ObjectName probe;
    private final List<String> limits = new ArrayList<>();
    private int cpuSampleBits = CPU_SAMPLE_BITS;
    private Map<String, PoolThreads> lastDump = Map.of();
    private long lastDumpNanos;

    private DeepProbe(TargetConnection target, ObjectName probe) {
        this.target = target;
        this.probe = probe;
    }

    /**
     * Loads the agent into the target and returns the probe over it.
     *
     * @throws AttachException with the reason when the target cannot take the agent (basic mode still works)
     */
    public static DeepProbe open(TargetConnection target) throws AttachException {
        return open(target, IDLE_MILLIS, "");
    }

    /**
     * As {@link #open(TargetConnection)}, recording CPU and blocked times for one task in
     * {@code 2^cpuSampleBits} (0 to 16; {@link #TWIN_CPU_SAMPLE_BITS} for a workload twin).
     */
    public static DeepProbe open(TargetConnection target, int cpuSampleBits) throws AttachException {
        if (cpuSampleBits < 0 || cpuSampleBits > 16) {
            throw new IllegalArgumentException("cpuSampleBits must be between 0 and 16, was " + cpuSampleBits);
        }
        return open(target, IDLE_MILLIS, "cpuSampleBits=" + cpuSampleBits);
    }

    /**
     * As {@link #open(TargetConnection)}, the agent detaching itself after {@code idleMillis} without a reader, with
     * extra agent options ({@code key=value,...}; see {@code dev.poolscope.agent.DeepAgent}).
     */
    static DeepProbe open(TargetConnection target, long idleMillis, String options) throws AttachException {
        if (target.feature() < LocalJvms.JSON_DUMP) {
            throw new AttachException("deep mode needs a JDK " + LocalJvms.JSON_DUMP + "+ target; PID " + target.pid()
                    + " runs Java " + target.javaVersion() + " (basic mode works)");
        }
        if ("false".equals(target.vmOption("EnableDynamicAgentLoading"))) {
            throw new AttachException("PID " + target.pid() + " was started with -XX:-EnableDynamicAgentLoading: "
                    + "deep mode refused (basic mode works)");
        }
        AgentJars.Extracted jars = AgentJars.extract();
        Path jar = jars.agentJar();
        // the folder is named: the target may have PoolScope's own jar, with the launcher class, on its class path
        target.loadAgent(jar, "idleMillis=" + idleMillis + ",dir=" + jar.getParent() + ",version=" + jars.version()
                + ",serviceSampleBits=" + SERVICE_SAMPLE_BITS + ",cpuSampleBits=" + CPU_SAMPLE_BITS
                + ",waitSampleBits=" + WAIT_SAMPLE_BITS + (options.isEmpty() ? "" : "," + options));
        try {
            ObjectName name = new ObjectName("dev.poolscope:type=PoolProbe");
            String state = String.valueOf(target.mbeans().getAttribute(name, "State"));
            if (!state.startsWith("installed")) {
                throw new AttachException("the agent in PID " + target.pid() + " is " + state);
            }
            String loaded = version(target, name);
            if (!jars.version().equals(loaded)) {
                // an agent from another PoolScope build was loaded earlier and its classes stay: do not mix them
                target.mbeans().invoke(name, "detach", null, null);
                throw new AttachException("PID " + target.pid() + " holds a PoolScope agent from another build "
                        + "(loaded earlier; its classes stay until the JVM restarts): deep mode refused (basic mode works)");
            }
            DeepProbe p = new DeepProbe(target, name);
            for (String kv : options.split(",")) {
                if (kv.startsWith("cpuSampleBits=")) {
                    p.cpuSampleBits = Integer.parseInt(kv.substring(kv.indexOf('=') + 1).trim());
                }
            }
            if (state.contains(";")) {
                p.limits.add(state.substring(state.indexOf(';') + 1).trim());
            }
            return p;
        } catch (AttachException e) {
            throw e;
        } catch (Exception e) {
            throw new AttachException("the agent in PID " + target.pid() + " did not start: " + TargetConnection.oneLine(e), e);
        }
    }

    private static String version(TargetConnection target, ObjectName name) {
        try {
            return String.valueOf(target.mbeans().getAttribute(name, "Version"));
        } catch (Exception e) {
            return "unknown";
        }
    }

    @Override
    public String mode() {
        return "deep";
    }

    @Override
    public List<PoolSample> read() throws AttachException {
        String text;
        try {
            text = String.valueOf(target.mbeans().invoke(probe, "read", null, null));
        } catch (IOException e) {
            throw new AttachException("lost the connection to PID " + target.pid() + ": " + TargetConnection.oneLine(e), e);
        } catch (Exception e) {
            throw new AttachException("the agent in PID " + target.pid() + " stopped answering: " + TargetConnection.oneLine(e), e);
        }
        long now = System.nanoTime();
        if (lastDumpNanos == 0 || now - lastDumpNanos >= DUMP_NANOS) {
            Map<String, PoolThreads> dump = new LinkedHashMap<>();
            for (PoolThreads t : ThreadDumps.read(target)) {
                dump.put(t.name(), t);
            }
            lastDump = dump;
            lastDumpNanos = now;
        }
        Map<String, PoolThreads> unseen = new LinkedHashMap<>(lastDump);
        List<PoolSample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                PoolSample s = parseLine(line, unseen.remove(line.substring(0, line.indexOf('\t'))));
                out.add(s);
            }
        }
        for (PoolThreads t : unseen.values()) {
            out.add(PoolSample.ofThreads(t));
        }
        return out;
    }

    /** One line of the agent's text (the format {@code dev.poolscope.agent.ProbeText} writes). */
    static PoolSample parseLine(String line, PoolThreads threads) {
        String[] f = line.split("\t", -1);
        String kind = f[1];
        boolean tpe = kind.equals(PoolKinds.THREAD_POOL_EXECUTOR) || kind.equals(PoolKinds.SCHEDULED);
        long recordedWorkers = Long.parseLong(f[10]);
        long completed = Long.parseLong(f[5]);
        String overrides = f[11];
        String note = null;
        ProbeHistogram service = tpe ? ProbeHistogram.parse(f[12]) : null;
        if (!overrides.equals("-")) {
            note = (recordedWorkers == 0 && completed > 0 ? "task times unseen: " : "task times may be unseen: ")
                    + overrides.replace(",", " and ") + " overridden, perhaps without calling super";
            if (recordedWorkers == 0 && completed > 0) {
                service = null;
            }
        }
        return new PoolSample(f[0], kind, num(f[2]), num(f[3]), lng(f[4]), lng(f[5]), lng(f[6]),
                service, service == null ? null : ProbeHistogram.parse(f[13]),
                tpe && service != null && !kind.equals(PoolKinds.SCHEDULED) ? ProbeHistogram.parse(f[14]) : null,
                threads == null ? List.of() : threads.threads(), num(f[8]), num(f[9]), note,
                service == null || f.length < 16 ? null : ProbeHistogram.parse(f[15]));
    }

    private static Integer num(String s) {
        long v = Long.parseLong(s);
        return v < 0 ? null : (int) v;
    }

    private static Long lng(String s) {
        long v = Long.parseLong(s);
        return v < 0 ? null : v;
    }

    @Override
    public List<String> limits() {
        List<String> l = new ArrayList<>(limits);
        l.add("deep mode: task times are sampled to keep the cost per task small: service times of 1 task in "
                + (1 << SERVICE_SAMPLE_BITS) + " at random, CPU times 1 in " + (1 << Math.max(cpuSampleBits, SERVICE_SAMPLE_BITS))
                + ", queue waits of 1 task in " + (1 << WAIT_SAMPLE_BITS) + " submitted, one at a time per pool; ForkJoinPool shows its own counters only");
        return l;
    }

    /** Removes the agent's advice from the target (its classes stay loaded); never fails. */
    @Override
    public void close() {
        try {
            target.mbeans().invoke(probe, "detach", null, null);
        } catch (Exception ignored) {
            // the target is gone, or the agent already detached itself
        }
    }
}
