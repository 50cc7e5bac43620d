package dev.poolscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code poolscope dashboard}'s options: those of {@code run}, plus its own; bad ones exit 2 before a window opens. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardCommandTest {

    private static Set<String> optionNames(String subcommand) {
        CommandLine cl = new CommandLine(new PoolScopeCli()).getSubcommands().get(subcommand);
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            names.addAll(Set.of(o.names()));
        }
        return names;
    }

    @Test
    void dashboard_takesEveryRunOption() {
        Set<String> run = optionNames("run");
        run.remove("--no-progress"); // the window shows progress itself
        Set<String> dashboard = optionNames("dashboard");
        assertTrue(dashboard.containsAll(run), "missing in dashboard: " + minus(run, dashboard));
        assertTrue(dashboard.containsAll(Set.of("--start", "--quit-after-run", "--json", "--runs")), dashboard.toString());
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--pool nope                  | --pool        | allowed: fixed",
            "--workers 0                  | --workers     | between 1 and",
            "--workload cpu:size=x        | --workload    | 'size'",
            "--rate 5 --arrival all       | --rate        | cannot be used with --arrival all",
            "--max-tasks-per-worker -1    | --max-tasks-per-worker | 0 (never) or more",
            "--runs 0 --start             | --runs        | 1 or more",
            "--frobnicate                 | --frobnicate  | Unknown option",
    })
    void badOptions_exit2_withOneLine_andNoWindow(String args, String option, String fragment) {
        CliTest.Result r = CliTest.run(("dashboard " + args.trim()).split("\\s+"));
        assertEquals(2, r.status(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("poolscope dashboard: "), first);
        assertTrue(first.contains(option.trim()), "names the option: " + first);
        assertTrue(first.contains(fragment.trim()), "says what is allowed: " + first);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
    }

    @Test
    void help_listsTheRunOptionsAndItsOwn() {
        CliTest.Result r = CliTest.run("dashboard", "--help");
        assertEquals(0, r.status(), r.err());
        for (String o : new String[]{"--pool", "--workload", "--queue-capacity", "--start", "--quit-after-run", "--json"}) {
            assertTrue(r.out().contains(o), o + " not in help: " + r.out());
        }
    }

    @Test
    void run_keepsItsOptions_afterTheExtraction() {
        Set<String> run = optionNames("run");
        for (String o : new String[]{"--pool", "--workers", "--workload", "--tasks", "--queue-capacity", "--rejection", "--rate",
                "--arrival", "--batch-size", "--batch-interval", "--seed", "--task-timeout", "--sample-interval",
                "--max-in-flight", "--max-tasks-per-worker", "--worker-jvm-option", "--json", "--no-progress"}) {
            assertTrue(run.contains(o), "run lost " + o);
        }
    }
}
