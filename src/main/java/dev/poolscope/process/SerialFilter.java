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

    private static final String BASE = "maxdepth=200;java.lang.*;java.lang.invoke.SerializedLambda;java.util.*;"
            + "java.math.*;java.time.*;dev.poolscope.**";

    private SerialFilter() {
    }

    /** The filter pattern for these extra patterns (plus the system property's). */
    static String pattern(List<String> extra) {
        List<String> parts = new ArrayList<>();
        parts.add(BASE);
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

    /** A filter that allows the base list and these extra patterns; primitive arrays are always allowed. */
    public static ObjectInputFilter create(List<String> extra) {
        ObjectInputFilter patterns = ObjectInputFilter.Config.createFilter(pattern(extra));
        return info -> {
            Class<?> c = info.serialClass();
            if (c != null) {
                Class<?> e = c;
                while (e.isArray()) {
                    e = e.getComponentType();
                }
                if (e.isPrimitive()) {
                    return info.depth() > 200 ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.ALLOWED;
                }
                if (c.isHidden() && c.getName().contains("$$Lambda")) {
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
