package dev.poolscope.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a sweep found: its points, the fitted models per pool kind, and the
 * recommended worker count per kind with a sentence saying why.
 *
 * @param spec the sweep that ran
 * @param points measured points, by pool kind in the spec's order, then by worker count
 * @param fits Amdahl and USL fits per kind (kinds with fewer than two counts have none)
 * @param recommendations per kind, in the spec's order
 * @param cancelled true if the sweep was cancelled; the points are those measured so far
 * @param cores the core count of the machine the sweep ran on
 */
public record SweepResult(SweepSpec spec, List<SweepPoint> points, List<ScalabilityFit> fits,
                          Map<String, Recommendation> recommendations, boolean cancelled, int cores) {

    public SweepResult {
        points = List.copyOf(points);
        fits = List.copyOf(fits);
        recommendations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recommendations));
    }

    /**
     * Fits the models and makes the recommendations for some points.
     *
     * @param points any points of the spec's kinds (partial during a sweep)
     */
    public static SweepResult analyse(SweepSpec spec, List<SweepPoint> points, boolean cancelled, int cores) {
        List<SweepPoint> ordered = new ArrayList<>();
        List<ScalabilityFit> fits = new ArrayList<>();
        Map<String, Recommendation> recs = new LinkedHashMap<>();
        for (String pool : spec.pools()) {
            List<SweepPoint> mine = points.stream().filter(p -> p.pool().equals(pool))
                    .sorted(Comparator.comparingInt(SweepPoint::workers)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            ordered.addAll(mine);
            ScalabilityFit usl = null;
            if (mine.size() >= 2) {
                List<ScalabilityFitter.Observation> obs = mine.stream()
                        .map(p -> new ScalabilityFitter.Observation(p.workers(), p.throughputPerSecond())).toList();
                fits.add(ScalabilityFitter.fit(pool, ScalabilityModel.AMDAHL, obs));
                usl = ScalabilityFitter.fit(pool, ScalabilityModel.USL, obs);
                fits.add(usl);
            }
            recs.put(pool, Recommender.recommend(pool, mine, spec.p99Target(), usl, cores));
        }
        return new SweepResult(spec, ordered, fits, recs, cancelled, cores);
    }

    /** The recommended count per kind. */
    public Map<String, Integer> recommendedWorkers() {
        return recommendations.values().stream().collect(Collectors.toMap(Recommendation::pool,
                Recommendation::workers, (a, b) -> a, LinkedHashMap::new));
    }

    /** The recommendations' sentences, one after another, and a note when other processes loaded the machine. */
    public String explanation() {
        String s = recommendations.values().stream().map(Recommendation::explanation).collect(Collectors.joining(" "));
        String note = machineNote();
        s = note.isEmpty() ? s : s + " " + note;
        return cancelled ? "Cancelled after " + points.size() + " points; from those: " + s : s;
    }

    /**
     * A sentence about other processes' load during the runs when it was at
     * least {@link #BUSY_MACHINE_CORES} cores; empty otherwise.
     */
    public String machineNote() {
        double others = backgroundCores();
        if (!(others >= BUSY_MACHINE_CORES)) {
            return "";
        }
        String s = String.format(java.util.Locale.ROOT, "Other processes kept about %.1f of the %d cores busy during the runs,"
                + " so these figures describe a shared machine", others, cores);
        List<SweepPoint> known = points.stream().filter(p -> !Double.isNaN(p.backgroundCores())).toList();
        double most = known.stream().mapToDouble(SweepPoint::coresUsed).max().orElse(Double.NaN);
        double full = SweepPoint.median(known.stream().map(p -> p.coresUsed() + p.backgroundCores()).toList());
        double cpuBound = SweepPoint.median(known.stream().map(SweepPoint::cpuPerBusy).toList());
        // starved: the machine was full, the work wanted CPU, and no run got most of the cores
        if (most < 0.8 * cores && full >= 0.85 * cores && cpuBound >= 0.3) {
            s += String.format(java.util.Locale.ROOT, ": no run got more than %.1f cores, so the curve shows the share"
                    + " of the CPU the machine gave the sweep, not how far the workload scales", most);
        }
        return s + "; repeat the sweep when it is quiet to size for it alone.";
    }

    /** Background load (in cores) from which the explanation warns about a shared machine. */
    public static final double BUSY_MACHINE_CORES = 0.3;

    /**
     * The median over the points of the cores other processes kept busy during
     * the runs; NaN if unknown.
     */
    public double backgroundCores() {
        List<Double> known = points.stream().map(SweepPoint::backgroundCores).filter(d -> !Double.isNaN(d)).toList();
        return known.isEmpty() ? Double.NaN : SweepPoint.median(known);
    }

    /** The fit of one model for one kind, if made. */
    public java.util.Optional<ScalabilityFit> fit(String pool, ScalabilityModel model) {
        return fits.stream().filter(f -> f.pool().equals(pool) && f.model() == model).findFirst();
    }
}
