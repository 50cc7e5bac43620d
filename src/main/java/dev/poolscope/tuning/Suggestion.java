package dev.poolscope.tuning;

/**
 * One piece of advice about a run, with the figure it rests on.
 *
 * @param topic a short label, e.g. {@code more workers than cores}
 * @param figure the figure the advice rests on, e.g. {@code CPU time / busy time}
 * @param value that figure in this run, as shown, e.g. {@code 97%}
 * @param text the advice, one or two sentences
 */
public record Suggestion(String topic, String figure, String value, String text) {

    @Override
    public String toString() {
        return text + " [" + figure + ": " + value + "]";
    }
}
