package dev.poolscope.tuning;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPU rules the live hint and the advice share, on fixed figures. */
class PoolRulesTest {
    private static String topic(int workers, double coresUsed, double share, boolean queued) {
        return PoolRules.cpu(new PoolRules.Figures(workers, 2, coresUsed, share, queued)).map(Suggestion::topic).orElse("none");
    }

    @Test
    void eachRule_firesOnItsFigures_andNotJustBelowItsThreshold() {
        assertEquals("more workers than cores", topic(8, 1.9, 0.25, true));
        assertEquals("CPU saturated", topic(2, 1.9, 1.0, true));
        assertEquals("idle cores", topic(1, 1.0, 1.0, true));
        assertEquals("none", topic(1, 1.0, 1.0, false));
        assertEquals("none", topic(1, 1.0, 0.69, true));
        assertEquals("I/O-bound and queued", topic(8, 0.2, 0.05, true));
        assertEquals("none", topic(8, 0.2, 0.05, false));
        assertEquals("none", topic(8, 0.2, Double.NaN, true));
        assertEquals("none", topic(8, 1.69, 0.5, true), "just below saturation (0.85 x 2 = 1.7)");
    }

    @Test
    void suggestions_nameTheirFigures() {
        Suggestion s = PoolRules.cpu(new PoolRules.Figures(4, 2, 1.96, 0.5, true)).orElseThrow();
        assertEquals("cores used; workers vs cores", s.figure());
        assertEquals("2.0 of 2; 4 vs 2", s.value());
        assertTrue(s.text().contains("4 workers share 2 cores"), s.text());
    }
}
