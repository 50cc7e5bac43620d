package dev.poolscope.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessPoolBenchWarmUpTest {

    @Test
    void aRateStillClimbingIsNotSteady() {
        assertFalse(ProcessPoolBench.steady(List.of(200_000.0, 450_000.0, 700_000.0)));
        assertFalse(ProcessPoolBench.steady(List.of(690_000.0, 700_000.0, 800_000.0)), "14% apart");
    }

    @Test
    void threeRatesWithinTenPercentAreSteady() {
        assertTrue(ProcessPoolBench.steady(List.of(100.0, 900_000.0, 950_000.0, 920_000.0)));
    }

    @Test
    void fewerThanThreeTrialsAreNeverSteady() {
        assertFalse(ProcessPoolBench.steady(List.of(900_000.0, 900_000.0)));
    }
}
