package dev.poolscope.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.attach.LocalJvm;
import dev.poolscope.attach.LocalJvms;
import dev.poolscope.engine.ReportJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code poolscope jvms}: the JVMs on this machine and whether PoolScope can watch them. */
@Command(name = "jvms", mixinStandardHelpOptions = true,
        description = "List the JVMs running on this machine: PID, main class or jar, Java version, and whether "
                + "'poolscope watch' can attach to them (and if not, why).")
public final class JvmsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the list as JSON to FILE, or to stdout with '-'")
    String json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cmd.commandLine().getOut();
        List<LocalJvm> jvms = LocalJvms.list();
        if (json != null) {
            ObjectNode root = ReportJson.mapper().createObjectNode();
            ArrayNode list = root.putArray("jvms");
            for (LocalJvm j : jvms) {
                list.addObject().put("pid", j.pid()).put("displayName", j.displayName())
                        .put("javaVersion", j.javaVersion()).put("user", j.user())
                        .put("attachable", j.attachable()).put("reason", j.reason());
            }
            String text = ReportJson.mapper().writeValueAsString(root);
            if ("-".equals(json)) {
                out.println(text);
            } else {
                Files.writeString(Path.of(json), text + System.lineSeparator());
                out.println("list written to " + json);
            }
            return 0;
        }
        if (jvms.isEmpty()) {
            out.println("no JVMs found");
            return 0;
        }
        out.printf("%-8s %-9s %-6s %-40s %s%n", "PID", "JAVA", "ATTACH", "NAME", "NOTE");
        for (LocalJvm j : jvms) {
            out.printf("%-8d %-9s %-6s %-40s %s%n", j.pid(), j.javaVersion() == null ? "?" : j.javaVersion(),
                    j.attachable() ? "yes" : "no", clip(j.displayName(), 40), j.reason() == null ? "" : j.reason());
        }
        return 0;
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }
}
