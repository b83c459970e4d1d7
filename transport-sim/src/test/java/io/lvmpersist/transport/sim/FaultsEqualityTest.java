package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.ReservationType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Faults' hand-written equals and hashCode agree with comparing every component. */
class FaultsEqualityTest {
    @Provide
    Arbitrary<Faults> faults() {
        return Combinators.combine(
                Arbitraries.of(0L, 5L), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 2),
                Arbitraries.of(FailureKind.class), Arbitraries.of(1L, 60L), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of(Set.<ReservationType>of(), Set.of(ReservationType.WE)))
                .as((latency, nth, count, kind, timeout, ua, pr, unsupported) -> new Faults(Duration.ofMillis(latency),
                        nth, count, kind, Duration.ofSeconds(timeout), ua, pr, unsupported));
    }

    @Property
    void equalExactlyWhenEveryComponentIs(@ForAll("faults") Faults a, @ForAll("faults") Faults b) {
        boolean same = a.latency().equals(b.latency()) && a.failNth() == b.failNth() && a.failCount() == b.failCount()
                && a.failKind() == b.failKind() && a.timeoutAfter().equals(b.timeoutAfter())
                && a.unitAttentions() == b.unitAttentions() && a.prSupported() == b.prSupported()
                && a.unsupportedTypes().equals(b.unsupportedTypes());
        assertEquals(same, a.equals(b));
        assertEquals(same, b.equals(a));
        if (same) {
            assertEquals(a.hashCode(), b.hashCode());
        }
        assertEquals(a, a.toBuilder().build());
    }
}
