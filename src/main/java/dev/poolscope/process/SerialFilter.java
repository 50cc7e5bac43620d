package dev.poolscope.process;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The allow-list both sides of a worker channel apply when they deserialize a
 * task or a result. Allowed: {@code java.lang.*} (not its sub-packages except
 * {@code java.lang.invoke.SerializedLambda}), {@code java.util.*}, {@code java.math.*},
 * {@code java.time.*}, everything under {@code dev.poolscope}, primitive arrays,
 * and the extra patterns given (see {@link ObjectInputFilter.Config#createFilter}
 * for the syntax, e.g. {@code com.example.**}). Everything else is refused.
 * A lambda's own (hidden) class is judged as the class that wrote the lambda,
 * so allowing {@code com.example.Jobs} allows the serializable lambdas in it.
 * Extra patterns also come from the system property {@value #PROPERTY}
 * (semicolon-separated), which the pool passes on to its workers.
 */
public final class SerialFilter {
    /** System property with extra allow-list patterns, separated by {@code ;}. */
    public static final String PROPERTY = "poolscope.process.serialFilter";

    private static final String BASE = "java.lang.*;java.lang.invoke.SerializedLambda;java.util.*;"
            + "java.math.*;java.time.*;dev.poolscope.**";
    private static final String RESULT_BASE = "java.lang.*;java.util.*;java.math.*;java.time.*;dev.poolscope.**";
    /** Deepest object graph a task may have. */
    static final int MAX_DEPTH = 200;
    /** Deepest object graph a result may have. */
    static final int MAX_RESULT_DEPTH = 100;

    private SerialFilter() {
    }

    /** The filter pattern for these extra patterns (plus the system property's). */
    static String pattern(List<String> extra) {
        return pattern(BASE, extra);
    }

    private static String pattern(String base, List<String> extra) {
        List<String> parts = new ArrayList<>();
        parts.add(base);
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            parts.add(prop.trim());
        }
        for (String e : extra) {
            if (e != null && !e.isBlank()) {
                parts.add(e.trim());
            }
        }
        parts.add("!*");
        return String.join(";", parts);
    }

    /**
     * The filter for tasks: allows the base list and these extra patterns;
     * primitive arrays are always allowed. Graphs deeper than {@value #MAX_DEPTH} are refused.
     */
    public static ObjectInputFilter create(List<String> extra) {
        return filter(pattern(BASE, extra), MAX_DEPTH, false);
    }

    /**
     * The narrower filter for results and task exceptions: no lambdas, graphs
     * at most {@value #MAX_RESULT_DEPTH} deep; besides the allow-list it lets
     * through the JDK's own exception classes ({@code java.*} subclasses of
     * {@link Throwable}), so a task's {@code IOException} arrives as itself.
     */
    public static ObjectInputFilter forResults(List<String> extra) {
        return filter(pattern(RESULT_BASE, extra), MAX_RESULT_DEPTH, true);
    }

    private static ObjectInputFilter filter(String pattern, int maxDepth, boolean jdkThrowables) {
        ObjectInputFilter patterns = ObjectInputFilter.Config.createFilter(pattern);
        return info -> {
            if (info.depth() > maxDepth) {
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> c = info.serialClass();
            if (c != null) {
                Class<?> e = c;
                while (e.isArray()) {
                    e = e.getComponentType();
                }
                if (e.isPrimitive()) {
                    return ObjectInputFilter.Status.ALLOWED;
                }
                if (jdkThrowables && Throwable.class.isAssignableFrom(c) && c.getName().startsWith("java.")) {
                    return ObjectInputFilter.Status.ALLOWED;
                }
                if (!jdkThrowables && c.isHidden() && c.getName().contains("$$Lambda")) {
                    // a deserialized lambda's own class: judged as the class that wrote the lambda
                    return patterns.checkInput(new AsClass(info, c.getNestHost()));
                }
            }
            return patterns.checkInput(info);
        };
    }

    /** A filter question about another class (a lambda's capturing class), otherwise the same. */
    private record AsClass(ObjectInputFilter.FilterInfo info, Class<?> serialClass)
            implements ObjectInputFilter.FilterInfo {
        @Override public long arrayLength() { return info.arrayLength(); }
        @Override public long depth() { return info.depth(); }
        @Override public long references() { return info.references(); }
        @Override public long streamBytes() { return info.streamBytes(); }
    }
}
