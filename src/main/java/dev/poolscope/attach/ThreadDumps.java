package dev.poolscope.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the pools of a target from a thread dump. On JDK 21 and later the target writes a JSON thread dump
 * ({@code DiagnosticCommand threadDumpToFile -format=json}) that groups threads by the executor that owns them;
 * on older JDKs the thread list ({@code ThreadMXBean.dumpAllThreads}) is grouped by thread names, keeping the
 * groups whose stacks show a pool's worker loop.
 */
public final class ThreadDumps {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)$");

    private ThreadDumps() {
    }

    /** The pools in the target, with their worker threads. */
    public static List<PoolThreads> read(TargetConnection target) throws AttachException {
        try {
            return target.feature() >= LocalJvms.JSON_DUMP ? fromJsonDump(target) : fromThreadList(target);
        } catch (IOException e) {
            throw new AttachException("lost the connection to PID " + target.pid() + ": " + TargetConnection.oneLine(e), e);
        } catch (Exception e) {
            throw new AttachException("could not read the threads of PID " + target.pid() + ": " + TargetConnection.oneLine(e), e);
        }
    }

    private static List<PoolThreads> fromJsonDump(TargetConnection target) throws Exception {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "poolscope-dump-" + target.pid() + "-" + UUID.randomUUID() + ".json");
        try {
            target.mbeans().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadDumpToFile",
                    new Object[]{new String[]{"-format=json", file.toString()}}, new String[]{String[].class.getName()});
            JsonNode root = JSON.readTree(file.toFile()).path("threadDump");
            return parse(root);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The pools in a parsed JSON thread dump's {@code threadDump} object. */
    static List<PoolThreads> parse(JsonNode dump) {
        List<PoolThreads> out = new ArrayList<>();
        for (JsonNode c : dump.path("threadContainers")) {
            String container = c.path("container").asText();
            if (container.equals("<root>")) {
                continue;
            }
            int slash = container.indexOf('/');
            String name = slash > 0 ? container.substring(0, slash) : container;
            List<WorkerThread> threads = new ArrayList<>();
            List<List<String>> stacks = new ArrayList<>();
            for (JsonNode t : c.path("threads")) {
                List<String> stack = new ArrayList<>();
                t.path("stack").forEach(f -> stack.add(f.asText()));
                stacks.add(stack);
                threads.add(new WorkerThread(t.path("tid").asLong(), t.path("name").asText(),
                        t.path("state").asText("?"), !PoolKinds.idle(stack), FutureWaits.waitCall(stack)));
            }
            out.add(new PoolThreads(name, PoolKinds.of(container, stacks), threads));
        }
        return out;
    }

    private static List<PoolThreads> fromThreadList(TargetConnection target) throws Exception {
        CompositeData[] infos = (CompositeData[]) target.mbeans().invoke(new ObjectName("java.lang:type=Threading"),
                "dumpAllThreads", new Object[]{false, false}, new String[]{"boolean", "boolean"});
        Map<String, List<ThreadInfo>> groups = new LinkedHashMap<>();
        for (CompositeData d : infos) {
            ThreadInfo t = ThreadInfo.from(d);
            Matcher m = NUMBERED.matcher(t.getThreadName());
            String prefix = m.matches() ? m.group(1) : t.getThreadName();
            groups.computeIfAbsent(prefix, k -> new ArrayList<>()).add(t);
        }
        List<PoolThreads> out = new ArrayList<>();
        groups.forEach((prefix, ts) -> {
            List<List<String>> stacks = new ArrayList<>();
            List<WorkerThread> threads = new ArrayList<>();
            for (ThreadInfo t : ts) {
                List<String> stack = new ArrayList<>();
                for (StackTraceElement e : t.getStackTrace()) {
                    stack.add(e.getClassName() + "." + e.getMethodName() + "()");
                }
                stacks.add(stack);
                threads.add(new WorkerThread(t.getThreadId(), t.getThreadName(), t.getThreadState().name(),
                        !PoolKinds.idle(stack), FutureWaits.waitCall(stack)));
            }
            String kind = PoolKinds.of("", stacks);
            if (!kind.equals(PoolKinds.OTHER)) {
                out.add(new PoolThreads("threads named " + prefix + "*", kind, threads));
            }
        });
        return out;
    }
}
