package dev.poolscope.agent;

import dev.poolscope.agent.boot.PoolHooks;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;

import javax.management.ObjectName;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The probe inside the target: one per JVM, started by {@link AgentLauncher}.
 *
 * <p>States: not installed -&gt; installed (advice in {@code ThreadPoolExecutor}, hooks on, MBean registered)
 * -&gt; detached (advice removed by retransformation, hooks off, MBean unregistered) -&gt; installed again when the
 * agent is loaded again. It detaches itself when no reader has called {@link PoolProbe#read()} for
 * {@code idleMillis} (PoolScope ended without detaching, or lost its connection).
 *
 * <p>Arguments, comma-separated {@code key=value}: {@code serviceSampleBits} (default 3), {@code cpuSampleBits}
 * (default 8) and {@code waitSampleBits} (default 4) (see
 * {@link PoolHooks}), {@code idleMillis} (0 = never detach by itself), {@code hooks=off} (advice in place, hooks
 * switched off: for measuring the advice's own cost), {@code version} (kept from the first load: the classes of a
 * later load with another version are not the ones that run).
 */
public final class DeepAgent {
    private static DeepAgent current;

    private final Instrumentation inst;
    private final PoolFinder finder;
    private volatile ResettableClassFileTransformer transformer;
    private volatile String state = "not installed";
    private volatile long lastRead = System.nanoTime();
    private volatile long idleNanos;
    private long lastWalk;
    private volatile String version = "unknown";

    private DeepAgent(Instrumentation inst) {
        this.inst = inst;
        openModules(inst);
        this.finder = new PoolFinder();
    }

    /** Installs the probe, or re-installs it after a detach. */
    public static synchronized void start(String args, Instrumentation inst) throws Exception {
        if (current == null) {
            current = new DeepAgent(inst);
        }
        current.install(args == null ? "" : args);
    }

    private static void openModules(Instrumentation inst) {
        Module base = ThreadPoolExecutor.class.getModule();
        Module probe = DeepAgent.class.getModule();
        // the advice inlined into java.base calls the hooks, in the bootstrap loader's unnamed module
        inst.redefineModule(base, Set.of(PoolHooks.class.getModule()), Map.of(),
                Map.of("java.lang", Set.of(probe), "java.util.concurrent", Set.of(probe)), Set.of(), Map.of());
    }

    private synchronized void install(String args) throws Exception {
        int serviceBits = 3;
        int cpuBits = 8;
        int waitBits = 4;
        long idleMillis = 10_000;
        boolean hooksOn = true;
        for (String kv : args.split(",")) {
            String[] p = kv.split("=", 2);
            if (p.length == 2) {
                switch (p[0].trim()) {
                    case "serviceSampleBits" -> serviceBits = Integer.parseInt(p[1].trim());
                    case "cpuSampleBits" -> cpuBits = Integer.parseInt(p[1].trim());
                    case "waitSampleBits" -> waitBits = Integer.parseInt(p[1].trim());
                    case "idleMillis" -> idleMillis = Long.parseLong(p[1].trim());
                    case "version" -> {
                        if (version.equals("unknown")) {
                            version = p[1].trim();
                        }
                    }
                    case "hooks" -> hooksOn = !p[1].trim().equals("off");
                    default -> { }
                }
            }
        }
        idleNanos = idleMillis * 1_000_000L;
        lastRead = System.nanoTime();
        if (transformer != null) {
            if (hooksOn) {
                // already installed: a later watch may ask for other sampling (a twin wants more CPU samples)
                PoolHooks.enable(serviceBits, cpuBits, waitBits);
            }
            return;
        }
        try {
            PoolHooks.enable(serviceBits, cpuBits, waitBits);
            transformer = new AgentBuilder.Default()
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                    .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                    .ignore(nameStartsWith("net.bytebuddy.").or(nameStartsWith("dev.poolscope.")))
                    .type(named("java.util.concurrent.ThreadPoolExecutor"))
                    .transform((builder, type, loader, module, domain) -> builder
                            .visit(Advice.to(TpeAdvice.Execute.class).on(named("execute").and(takesArguments(Runnable.class))))
                            .visit(Advice.to(TpeAdvice.Reject.class).on(named("reject").and(takesArguments(Runnable.class))))
                            .visit(Advice.to(TpeAdvice.Before.class).on(named("beforeExecute").and(takesArguments(2))))
                            .visit(Advice.to(TpeAdvice.After.class).on(named("afterExecute").and(takesArguments(2)))))
                    .installOn(inst);
            findPools();
            if (!hooksOn) {
                PoolHooks.disable();
            }
            ObjectName name = new ObjectName(PoolProbe.OBJECT_NAME);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (!server.isRegistered(name)) {
                server.registerMBean(new PoolProbe(this), name);
            }
            state = "installed";
            startWatchdog();
        } catch (Exception | Error e) {
            PoolHooks.disable();
            state = "failed: " + e;
            throw e;
        }
    }

    /** Registers the pools that live threads work for, at most once a second. */
    synchronized void findPools() {
        long now = System.nanoTime();
        if (lastWalk == 0 || now - lastWalk > 1_000_000_000L) {
            lastWalk = now;
            finder.walk();
        }
    }

    /** The version given when this agent was first loaded. */
    String version() {
        return version;
    }

    void touched() {
        lastRead = System.nanoTime();
    }

    String state() {
        return state + (finder.seesIdlePools() ? "" : "; idle pools unseen on this JDK");
    }

    /** Switches the hooks off, removes the advice and unregisters the MBean. */
    synchronized void detach(String reason) {
        if (transformer == null) {
            return;
        }
        PoolHooks.disable();
        try {
            transformer.reset(inst, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
            transformer = null;
            state = "detached: " + reason;
        } catch (RuntimeException e) {
            state = "detached: " + reason + "; hooks off, the advice stays in place (" + e + ")";
            transformer = null;
        }
        try {
            ObjectName name = new ObjectName(PoolProbe.OBJECT_NAME);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (Exception ignored) {
            // the MBean server is going away with the JVM
        }
    }

    private void startWatchdog() {
        Thread t = new Thread(() -> {
            while (transformer != null) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                if (idleNanos > 0 && System.nanoTime() - lastRead > idleNanos) {
                    detach("no reader for " + idleNanos / 1_000_000 + " ms");
                }
            }
        }, "poolscope-probe-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
