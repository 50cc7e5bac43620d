package dev.poolscope.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.engine.ReportJson;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.workload.ParamSpec;
import dev.poolscope.workload.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code poolscope workloads}: lists workloads, their parameters and defaults, and the pool kinds. */
@Command(name = "workloads", mixinStandardHelpOptions = true,
        description = "List the workloads with their parameters and defaults, and the pool kinds.")
public final class WorkloadsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @CommandLine.Option(names = "--json", description = "print as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cmd.commandLine().getOut();
        RunEngine engine = RunEngine.standard();
        if (json) {
            ObjectNode root = ReportJson.mapper().createObjectNode();
            ArrayNode ws = root.putArray("workloads");
            for (Workload w : engine.workloads().all()) {
                ObjectNode n = ws.addObject();
                n.put("name", w.name());
                n.put("description", w.description());
                n.put("processOnly", w.requiresProcess());
                ArrayNode ps = n.putArray("params");
                for (ParamSpec p : w.params()) {
                    ps.addObject().put("name", p.name()).put("description", p.description())
                            .put("default", p.defaultValue()).put("min", p.min()).put("max", p.max())
                            .put("integer", p.integer());
                }
            }
            ArrayNode pools = root.putArray("pools");
            for (PoolKind k : engine.pools().kinds()) {
                pools.addObject().put("name", k.name()).put("description", k.description()).put("maxWorkers", k.maxWorkers());
            }
            out.println(ReportJson.mapper().writeValueAsString(root));
            return 0;
        }
        out.println("Workloads (use as --workload NAME[:key=value,...]):");
        for (Workload w : engine.workloads().all()) {
            out.printf("  %-10s %s%s%n", w.name(), w.description(), w.requiresProcess() ? " [process pools only]" : "");
            for (ParamSpec p : w.params()) {
                if (p.text()) {
                    out.printf("      %-10s %s (text)%n", p.name(), p.description());
                    continue;
                }
                out.printf("      %-10s %s (default %s, %s..%s)%n", p.name(), p.description(), p.defaultText(),
                        fmt(p.min()), fmt(p.max()));
            }
        }
        out.println();
        out.println("Pools (use as --pool NAME):");
        for (PoolKind k : engine.pools().kinds()) {
            out.printf("  %-10s %s (1..%d workers)%n", k.name(), k.description(), k.maxWorkers());
        }
        return 0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
