package dev.poolscope.tuning;

import java.util.Map;

/**
 * A lesson claim checked against measured figures. Immutable.
 *
 * @param claim the claim as the lesson states it
 * @param text the claim's text with its placeholders filled
 * @param held true if the figures bear the claim out
 * @param figures the values it rests on, in order: the figure, the one it is compared with, the bound(s)
 * @param reason when it did not hold, the likely reason the engine can see; empty when it held
 */
public record ClaimResult(LessonClaim claim, String text, boolean held, Map<String, Double> figures, String reason) {
    public ClaimResult {
        figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
    }
}
