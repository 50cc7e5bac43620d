package dev.poolscope.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An attachment to one local JVM: the Attach API connection, the target's local management agent (started on
 * demand, no flags needed on the target) and a JMX connection to it. Closing it closes the JMX connection and
 * detaches; the target runs on. Not thread-safe: one watcher uses it.
 */
public final class TargetConnection implements AutoCloseable {
    private final long pid;
    private final VirtualMachine vm;
    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;
    private final String javaVersion;

    private TargetConnection(long pid, VirtualMachine vm, JMXConnector connector, String javaVersion)
            throws IOException {
        this.pid = pid;
        this.vm = vm;
        this.connector = connector;
        this.mbeans = connector.getMBeanServerConnection();
        this.javaVersion = javaVersion;
    }

    /**
     * Attaches to the JVM with this PID and connects over JMX.
     *
     * @throws AttachException with a one-line reason when that is impossible
     */
    public static TargetConnection open(long pid) throws AttachException {
        if (pid == ProcessHandle.current().pid()) {
            throw new AttachException("PID " + pid + " is this PoolScope process");
        }
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AttachException("no process with PID " + pid));
        String[] args = process.info().arguments().orElse(new String[0]);
        if (LocalJvms.hasFlag(args, "-XX:+DisableAttachMechanism")) {
            throw new AttachException("PID " + pid + " was started with -XX:+DisableAttachMechanism: no tool can attach to it");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new AttachException(reason(pid, process, e), e);
        } catch (IOException e) {
            throw new AttachException(reason(pid, process, e), e);
        }
        try {
            Properties props = vm.getSystemProperties();
            String version = props.getProperty("java.version");
            if (LocalJvm.feature(version) < LocalJvms.OLDEST) {
                throw new AttachException("PID " + pid + " runs Java " + version + ": PoolScope watches JDK "
                        + LocalJvms.OLDEST + " and later");
            }
            String url = vm.startLocalManagementAgent();
            JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(url));
            return new TargetConnection(pid, vm, c, version);
        } catch (IOException | RuntimeException e) {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // already gone
            }
            throw new AttachException("attached to PID " + pid + " but could not connect over JMX: " + oneLine(e), e);
        } catch (AttachException e) {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // already gone
            }
            throw e;
        }
    }

    private static String reason(long pid, ProcessHandle process, Exception e) {
        String m = String.valueOf(e.getMessage());
        String me = ProcessHandle.current().info().user().orElse("");
        String them = process.info().user().orElse("");
        if (m.contains("Operation not permitted") || m.contains("Permission denied")
                || (!them.isEmpty() && !them.equals(me) && !"root".equals(me))) {
            return "permission denied: PID " + pid + " runs as " + (them.isEmpty() ? "another user" : them)
                    + "; run PoolScope as that user or root";
        }
        if (process.info().command().map(c -> !c.endsWith("java")).orElse(false)) {
            return "PID " + pid + " is not a Java process";
        }
        return "cannot attach to PID " + pid + ": " + oneLine(e);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The target's PID. */
    public long pid() {
        return pid;
    }

    /** The target's {@code java.version}. */
    public String javaVersion() {
        return javaVersion;
    }

    /** The target's feature release. */
    public int feature() {
        return LocalJvm.feature(javaVersion);
    }

    /** The JMX connection to the target's platform MBean server. */
    public MBeanServerConnection mbeans() {
        return mbeans;
    }

    /** A VM option of the target ({@code HotSpotDiagnosticMXBean.getVMOption}), or null when it has none. */
    public String vmOption(String name) {
        try {
            CompositeData d = (CompositeData) mbeans.invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"),
                    "getVMOption", new Object[]{name}, new String[]{String.class.getName()});
            return String.valueOf(d.get("value"));
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Loads a Java agent into the target.
     *
     * @throws AttachException with a one-line reason when the target refuses it or the agent fails to start
     */
    public void loadAgent(Path jar, String options) throws AttachException {
        try {
            vm.loadAgent(jar.toString(), options);
        } catch (AgentLoadException e) {
            throw new AttachException("PID " + pid + " refused the agent: " + oneLine(e), e);
        } catch (AgentInitializationException e) {
            throw new AttachException("the agent failed to start in PID " + pid + " (code " + e.returnValue() + ")", e);
        } catch (IOException e) {
            throw new AttachException("could not load the agent into PID " + pid + ": " + oneLine(e), e);
        }
    }

    /**
     * Whether the target still runs, given it up to 2 s to finish exiting (a JVM that is ending drops its JMX
     * connection before its process ends).
     */
    public boolean targetAlive() {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty()) {
            return false;
        }
        try {
            p.get().onExit().get(2, TimeUnit.SECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (ExecutionException e) {
            return p.get().isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return p.get().isAlive();
        }
    }

    /** Closes the JMX connection and detaches; never fails (the target may be gone). */
    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException | RuntimeException ignored) {
            // the target is gone
        }
        try {
            vm.detach();
        } catch (IOException | RuntimeException ignored) {
            // the target is gone
        }
    }
}
