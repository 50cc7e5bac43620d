package dev.poolscope.cli;

import dev.poolscope.engine.Durations;
import dev.poolscope.pool.QueueOrder;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.pool.StallPolicy;
import dev.poolscope.workload.WorkloadSpec;
import picocli.CommandLine;

import java.time.Duration;

/** Picocli converters that turn option text into engine values with user-facing messages. */
final class Converters {
    private Converters() {
    }

    /** {@code 250ms}, {@code 2s}, {@code 1m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code NAME[:key=value,...]}. */
    static final class WorkloadConverter implements CommandLine.ITypeConverter<WorkloadSpec> {
        @Override
        public WorkloadSpec convert(String value) {
            try {
                return WorkloadSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code block|abort|caller-runs|discard-oldest}. */
    static final class RejectionConverter implements CommandLine.ITypeConverter<RejectionPolicy> {
        @Override
        public RejectionPolicy convert(String value) {
            try {
                return RejectionPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code fifo|lifo|priority|shortest}. */
    static final class QueueOrderConverter implements CommandLine.ITypeConverter<QueueOrder> {
        @Override
        public QueueOrder convert(String value) {
            try {
                return QueueOrder.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code fail|wait}. */
    static final class OnStallConverter implements CommandLine.ITypeConverter<StallPolicy.Action> {
        @Override
        public StallPolicy.Action convert(String value) {
            try {
                return StallPolicy.Action.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
