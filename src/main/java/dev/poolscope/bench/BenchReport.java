package dev.poolscope.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;

/**
 * Everything one {@code poolscope bench} sitting measured, as the JSON document
 * {@code --json} writes. Field names are a contract that scripts read: add
 * fields, never rename them. A section that could not be measured is null and
 * {@link #errors()} (or {@link #pythonReason()}) says why.
 *
 * @param machine where and when it ran
 * @param mode {@code quick}, {@code full} or {@code tiny}
 * @param overhead observation cost per thread-pool kind and task
 * @param processRoundTrip process pool against the raw pipe
 * @param workerStartupMillis worker process start to ready
 * @param scaling {@code cpu} speedup from 1 to N workers per kind
 * @param python the tutorial's Python stack, or null
 * @param pythonReason why {@code python} is null, or null
 * @param heap the many-trivial-tasks heap check
 * @param dashboard what watching a run in the dashboard costs, or null
 * @param dashboardReason why {@code dashboard} is null (skipped, and why), or null
 * @param targets the targets with the measured figures
 * @param errors sections that failed, with the reason
 * @param sectionSeconds wall time of each section, in the order they ran
 * @param elapsedSeconds the whole sitting
 */
public record BenchReport(Machine machine, String mode, List<OverheadBench.Result> overhead,
                          ProcessPoolBench.RoundTrip processRoundTrip, ProcessPoolBench.Startup workerStartupMillis,
                          List<ScalingBench.Result> scaling, PythonBench.Result python, String pythonReason,
                          HeapCheck.Result heap, DashboardBench.Result dashboard, String dashboardReason,
                          List<Target> targets, List<String> errors,
                          java.util.Map<String, Double> sectionSeconds, double elapsedSeconds,
                          ClusterBench.Result cluster, String clusterReason) {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The machine.
     *
     * @param cores available processors
     * @param java the JVM's version and vendor
     * @param os operating system and architecture
     * @param date when the sitting began (UTC, ISO-8601)
     * @param loadAverageStart the system load average (1 min) when the sitting began; above 0 means other
     *        processes competed for the cores, which lowers speedups and raises costs
     * @param loadAverageEnd the same when it ended
     */
    public record Machine(int cores, String java, String os, String date, double loadAverageStart,
                          double loadAverageEnd) {
    }

    /**
     * One target of the benchmark issue.
     *
     * @param name what is measured
     * @param target the bound
     * @param measured the figure, as text
     * @param holds true or false; null if it could not be measured in this sitting
     */
    public record Target(String name, String target, String measured, Boolean holds) {
    }

    /** The report as one JSON document. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
