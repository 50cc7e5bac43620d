package dev.poolscope.tuning;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalabilityFitterTest {

    private static List<ScalabilityFitter.Observation> synthetic(double lambda, double sigma, double kappa,
                                                                 int maxN, double noise, long seed) {
        Random rnd = new Random(seed);
        List<ScalabilityFitter.Observation> obs = new ArrayList<>();
        for (int n = 1; n <= maxN; n++) {
            double x = ScalabilityModel.throughput(n, lambda, sigma, kappa);
            obs.add(new ScalabilityFitter.Observation(n, x * (1 + noise * rnd.nextGaussian())));
        }
        return obs;
    }

    @Test
    void usl_recoversExactParameters() {
        ScalabilityFit f = ScalabilityFitter.fit("fixed", ScalabilityModel.USL, synthetic(1000, 0.05, 0.002, 32, 0, 1));
        assertEquals(0.05, f.sigma(), 1e-4);
        assertEquals(0.002, f.kappa(), 1e-5);
        assertEquals(1000, f.lambda(), 0.5);
        assertEquals(1, f.r2(), 1e-9);
        assertEquals(Math.sqrt(0.95 / 0.002), f.peakWorkers(), 0.1);
    }

    @Test
    void amdahl_recoversSerialFraction_withKappaZero() {
        ScalabilityFit f = ScalabilityFitter.fit("virtual", ScalabilityModel.AMDAHL, synthetic(250, 0.1, 0, 16, 0, 1));
        assertEquals(0.1, f.sigma(), 1e-5);
        assertEquals(0, f.kappa());
        assertEquals(250, f.lambda(), 0.01);
        assertEquals(2500, f.ceiling(), 1);
    }

    @Test
    void usl_onAmdahlData_findsKappaZero() {
        ScalabilityFit f = ScalabilityFitter.fit("fixed", ScalabilityModel.USL, synthetic(100, 0.2, 0, 12, 0, 1));
        assertEquals(0.2, f.sigma(), 1e-4);
        assertEquals(0, f.kappa(), 1e-6);
    }

    @Test
    void linearScaling_givesSigmaAndKappaZero() {
        ScalabilityFit f = ScalabilityFitter.fit("virtual", ScalabilityModel.USL, synthetic(50, 0, 0, 8, 0, 1));
        assertEquals(0, f.sigma(), 1e-6);
        assertEquals(0, f.kappa(), 1e-8);
        assertEquals(50, f.lambda(), 1e-6);
    }

    @Test
    void usl_withTwoPercentNoise_staysNearTheTruth() {
        ScalabilityFit f = ScalabilityFitter.fit("fixed", ScalabilityModel.USL, synthetic(1000, 0.08, 0.004, 24, 0.02, 7));
        assertEquals(1000, f.lambda(), 60);
        assertEquals(0.08, f.sigma(), 0.03);
        assertEquals(0.004, f.kappa(), 0.0015);
        assertTrue(f.r2() > 0.9, "r2 " + f.r2());
    }

    @Test
    void parametersAreNeverNegative_evenForSuperlinearData() {
        List<ScalabilityFitter.Observation> obs = List.of(new ScalabilityFitter.Observation(1, 10),
                new ScalabilityFitter.Observation(2, 25), new ScalabilityFitter.Observation(4, 60));
        for (ScalabilityModel m : ScalabilityModel.values()) {
            ScalabilityFit f = ScalabilityFitter.fit("fixed", m, obs);
            assertTrue(f.sigma() >= 0 && f.kappa() >= 0, f.toString());
        }
    }

    @Test
    void fit_needsTwoDistinctCounts() {
        assertThrows(IllegalArgumentException.class, () -> ScalabilityFitter.fit("fixed", ScalabilityModel.USL,
                List.of(new ScalabilityFitter.Observation(2, 10), new ScalabilityFitter.Observation(2, 11))));
    }
}
