package dev.poolscope.jfr;

import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;
import jdk.jfr.Relational;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field holding a pool's number in this JVM (the {@code N} of a pool
 * named {@code kind#N}), so that JDK Mission Control relates the events that
 * carry it: a {@link TaskEvent} to the {@link PoolEvent} that names its pool.
 */
@MetadataDefinition
@Relational
@Name("dev.poolscope.PoolId")
@Label("Pool Id")
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface PoolId {
}
