/**
 * Tuning and teaching: how many workers to use, measured rather than guessed.
 *
 * <h2>Sizing guide</h2>
 * <ul>
 * <li>{@link dev.poolscope.tuning.Sweep} runs one workload across worker counts
 *     ({@link dev.poolscope.tuning.WorkerCounts} parses {@code 1,2,4,8},
 *     {@code 1..16}, {@code 1..64:x2}) for one or more pool kinds, one run at a
 *     time, in interleaved rounds of repetitions, and reports medians.</li>
 * <li>{@link dev.poolscope.tuning.ScalabilityFitter} fits Amdahl's law and the
 *     Universal Scalability Law to the points;
 *     {@link dev.poolscope.tuning.Recommender} picks a count from the measured
 *     medians (smallest within 5% of the best, or largest meeting a p99 target)
 *     and explains it with the fitted numbers.</li>
 * <li>{@link dev.poolscope.tuning.Advice} reads one run's report and suggests
 *     changes, each naming the figure it rests on.</li>
 * <li>{@link dev.poolscope.tuning.LessonLibrary} loads guided lessons from data
 *     files (built-in and a teacher's directory);
 *     {@link dev.poolscope.tuning.PresetCheck} checks their runs against the
 *     registries; {@link dev.poolscope.tuning.TutorialDemos} measures the
 *     tutorial's bugs next to the correct code.</li>
 * </ul>
 * Engine layer: no JavaFX, no printing (the command line and the dashboard present the results).
 */
package dev.poolscope.tuning;
