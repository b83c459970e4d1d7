package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.ReservationType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fault injection for one simulated LU. Stored in the SAN state, so every process sharing a state file sees it.
 *
 * @param latency          added to every command, slept outside every lock
 * @param failNth          the first command (1-based, counted per LU from when these faults were set) that fails
 *                         without being executed; 0 = never
 * @param failCount        how many consecutive commands fail from {@code failNth} on (at least 1)
 * @param failKind         how the failing commands fail
 * @param timeoutAfter     the duration reported by {@link FailureKind#TIMEOUT} failures
 * @param unitAttentions   SCSI only: queue unit attentions for other hosts after PR changes (real LUs do)
 * @param prSupported      false: the device rejects every PR command (INVALID OPCODE)
 * @param unsupportedTypes reservation types the device rejects and does not report in its capabilities
 */
public record Faults(Duration latency, int failNth, int failCount, FailureKind failKind, Duration timeoutAfter,
                     boolean unitAttentions, boolean prSupported, Set<ReservationType> unsupportedTypes) {

    /** A healthy device: no latency, no failures, unit attentions on, every type supported. */
    public static final Faults NONE = new Faults(Duration.ZERO, 0, 1, FailureKind.CONFLICT, Duration.ofSeconds(60),
            true, true, Set.of());

    public Faults {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(failKind, "failKind");
        Objects.requireNonNull(timeoutAfter, "timeoutAfter");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        if (failNth < 0) {
            throw new IllegalArgumentException("failNth must be >= 0: " + failNth);
        }
        if (failCount < 1) {
            throw new IllegalArgumentException("failCount must be >= 1: " + failCount);
        }
        unsupportedTypes = unsupportedTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(unsupportedTypes));
    }

    public static Builder builder() {
        return new Builder(NONE);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** True when command number {@code n} (1-based since the faults were set) must fail. */
    public boolean failsCommand(long n) {
        return failNth > 0 && n >= failNth && n - failNth < failCount;
    }

    public boolean supports(ReservationType type) {
        return !unsupportedTypes.contains(type);
    }

    // equals and hashCode are written out: the generated ones are linked through an invokedynamic
    // bootstrap at first use (every state write compares with NONE), about 20 ms of a cold CLI process.
    @Override
    public boolean equals(Object other) {
        return other instanceof Faults f && f.latency.equals(latency) && f.failNth == failNth
                && f.failCount == failCount && f.failKind == failKind && f.timeoutAfter.equals(timeoutAfter)
                && f.unitAttentions == unitAttentions && f.prSupported == prSupported
                && f.unsupportedTypes.equals(unsupportedTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(latency, failNth, failCount, failKind, timeoutAfter, unitAttentions, prSupported,
                unsupportedTypes);
    }

    /** One line for humans, e.g. "latency 5 ms, command #3 (+1 more) fails with CONFLICT"; "no faults" for NONE. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!latency.isZero()) {
            parts.add("latency " + latency.toMillis() + " ms");
        }
        if (failNth > 0) {
            parts.add("command #" + failNth + (failCount > 1 ? " (+" + (failCount - 1) + " more)" : "")
                    + " fails with " + failKind + (failKind == FailureKind.TIMEOUT
                    ? " after " + timeoutAfter.toMillis() + " ms" : ""));
        }
        if (!unitAttentions) {
            parts.add("no unit attentions");
        }
        if (!prSupported) {
            parts.add("no PR support");
        }
        if (!unsupportedTypes.isEmpty()) {
            parts.add("unsupported types " + unsupportedTypes.stream().sorted().map(Enum::name)
                    .collect(Collectors.joining(",")));
        }
        return parts.isEmpty() ? "no faults" : String.join(", ", parts);
    }

    /** Step-by-step construction; every knob starts at {@link #NONE}'s value. */
    public static final class Builder {
        private Duration latency;
        private int failNth;
        private int failCount;
        private FailureKind failKind;
        private Duration timeoutAfter;
        private boolean unitAttentions;
        private boolean prSupported;
        private Set<ReservationType> unsupportedTypes;

        private Builder(Faults from) {
            latency = from.latency;
            failNth = from.failNth;
            failCount = from.failCount;
            failKind = from.failKind;
            timeoutAfter = from.timeoutAfter;
            unitAttentions = from.unitAttentions;
            prSupported = from.prSupported;
            unsupportedTypes = from.unsupportedTypes;
        }

        public Builder latency(Duration value) {
            latency = value;
            return this;
        }

        /** The {@code n}th command from now fails with {@code kind}. */
        public Builder failNth(int n, FailureKind kind) {
            failNth = n;
            failKind = kind;
            return this;
        }

        /** How many consecutive commands fail (default 1); use {@link Integer#MAX_VALUE} for "from then on". */
        public Builder failCount(int count) {
            failCount = count;
            return this;
        }

        public Builder timeoutAfter(Duration value) {
            timeoutAfter = value;
            return this;
        }

        public Builder unitAttentions(boolean value) {
            unitAttentions = value;
            return this;
        }

        public Builder prSupported(boolean value) {
            prSupported = value;
            return this;
        }

        public Builder unsupportedTypes(Set<ReservationType> value) {
            unsupportedTypes = value;
            return this;
        }

        public Faults build() {
            return new Faults(latency, failNth, failCount, failKind, timeoutAfter, unitAttentions, prSupported,
                    unsupportedTypes);
        }
    }
}
