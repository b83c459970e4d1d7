package io.lvmpersist.cli;

import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.sim.FailureKind;
import io.lvmpersist.transport.sim.Faults;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For random fault schedules (which command fails, how, on which PV, with or without a
 * registration from before), start leaves no device in an undeclared state: on success every
 * device holds our key and reservation; on failure no key from before is lost, no reservation of
 * ours is left, and every device's reported state matches what is really on it.
 */
class FaultScheduleTest {
    private final Path dir;

    FaultScheduleTest() throws IOException {
        dir = Files.createTempDirectory("lvmpersist-faults");
    }

    @AfterProperty
    void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A fault on one PV: the Nth command from now fails {@code count} times with {@code kind}; 0 = healthy. */
    record Fault(int nth, int count, FailureKind kind) {
    }

    @Provide
    Arbitrary<Fault> faults() {
        return Arbitraries.integers().between(0, 9).flatMap(nth -> Arbitraries.integers().between(1, 8)
                .flatMap(count -> Arbitraries.of(FailureKind.class).map(kind -> new Fault(nth, count, kind))));
    }

    @Property
    void startNeverLeavesAnUndeclaredState(@ForAll @Size(3) List<@From("faults") Fault> faults,
                                           @ForAll boolean nvme,
                                           @ForAll @Size(3) List<Boolean> registeredBefore) throws Exception {
        Path state = Files.createTempFile(dir, "san", ".state");
        Files.delete(state);
        SimSan san = SimSan.open(state);
        List<String> pvs = san.createVolumeGroup("vg0", 3, nvme ? Personality.NVME : Personality.SCSI);
        CliRun a = CliRun.simulated(state, "hostA");
        for (int i = 0; i < 3; i++) {
            if (registeredBefore.get(i)) {
                try (PrDevice device = san.device(pvs.get(i), "hostA")) {
                    assertTrue(device.register(ReservationKey.NONE, ReservationKey.of(0xa), true, false).isOk());
                }
            }
            Fault f = faults.get(i);
            if (f.nth() > 0) {
                san.setFaults(san.lunOf(pvs.get(i)).orElseThrow(),
                        Faults.builder().failNth(f.nth(), f.kind()).failCount(f.count()).build());
            }
        }

        CliRun.Result result = a.line("start --ourkey 0xa --vg vg0");

        for (String pv : pvs) {
            san.setFaults(san.lunOf(pv).orElseThrow(), Faults.NONE);
        }
        for (int i = 0; i < 3; i++) {
            String pv = pvs.get(i);
            boolean hasKey = keysOf(san, pv).contains(ReservationKey.of(0xa));
            Reservation reservation = reservationOf(san, pv);
            if (result.code() == ExitCode.OK) {
                assertTrue(hasKey, () -> pv + " lacks the key after a successful start\n" + result);
                assertEquals(ReservationKey.of(0xa), reservation.holder(), result::toString);
                continue;
            }
            if (result.errLines().contains("  lvmpersist: start vg0: no device was changed.")) {
                boolean before = registeredBefore.get(i);
                assertEquals(before, hasKey, () -> pv + " changed although nothing was to change\n" + result);
                continue;
            }
            String declared = declaredState(result, pv);
            if (declared.contains("UNDO FAILED") || declared.contains("unknown: ")) {
                continue;   // declared as such: the admin is told to act
            }
            // A failed start never takes a key away that was there before, and leaves no reservation it took.
            if (registeredBefore.get(i)) {
                assertTrue(hasKey, () -> pv + " lost the key it had before the run\n" + result);
            }
            assertTrue(reservation.type().isEmpty() || !reservation.holder().equals(ReservationKey.of(0xa)),
                    () -> pv + " keeps a reservation although start failed\n" + result);
            // The declared state is what is really on the device.
            String truth = (hasKey ? "0xa registered, " : "0xa not registered, ")
                    + (reservation.type().isEmpty() ? "no reservation"
                    : "reservation " + reservation.type().get() + " held by " + reservation.holder());
            assertTrue(declared.endsWith(truth), () -> pv + " declared '" + declared + "' but is '" + truth + "'\n"
                    + result);
        }
    }

    private static String declaredState(CliRun.Result result, String pv) {
        String prefix = "  lvmpersist: start vg0: " + pv + ": ";
        List<String> lines = result.errLines().stream().filter(l -> l.startsWith(prefix)).toList();
        if (lines.size() != 1) {
            throw new AssertionError(pv + " has " + lines.size() + " state lines\n" + result);
        }
        return lines.getFirst().substring(prefix.length());
    }

    private static KeyList keysOf(SimSan san, String pv) {
        try (PrDevice device = san.device(pv, "observer")) {
            return switch (device.readKeys()) {
                case PrResult.Ok<KeyList> ok -> ok.value();
                case PrResult.Failed<KeyList> failed -> throw new AssertionError(failed.failure().message());
            };
        } catch (io.lvmpersist.transport.DeviceException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static Reservation reservationOf(SimSan san, String pv) {
        try (PrDevice device = san.device(pv, "observer")) {
            return switch (device.readReservation()) {
                case PrResult.Ok<Reservation> ok -> ok.value();
                case PrResult.Failed<Reservation> failed -> throw new AssertionError(failed.failure().message());
            };
        } catch (io.lvmpersist.transport.DeviceException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
