package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest {
    private static final ReservationKey K1 = ReservationKey.of(0x11);
    private static final ReservationKey K2 = ReservationKey.of(0x22);

    @TempDir
    Path dir;

    private static PrDevice firstPv(SimSan san, String vg, String host) throws DeviceException {
        return san.device(san.volumeGroup(vg).orElseThrow().getFirst(), host);
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void theNthCommandFailsWithoutBeingExecutedAndOnlyIt(Personality personality) throws DeviceException {
        SimSan san = SimSan.inMemory();
        san.createVolumeGroup("vg", 1, personality);
        san.setFaults("vg-pv1", Faults.builder().failNth(2, FailureKind.CONFLICT).build());
        PrDevice d = firstPv(san, "vg", "h1");
        assertNull(d.readKeys().failureOrNull(), "command 1");
        Failure second = d.register(ReservationKey.NONE, K1, true, false).failureOrNull();
        assertInstanceOf(Failure.ReservationConflict.class, second, "command 2");
        assertEquals(List.of(), ok(d.readKeys()).keys(), "command 2 was not executed");
        assertNull(d.register(ReservationKey.NONE, K1, true, false).failureOrNull(), "command 4");
    }

    @Test
    void failuresAreCountedPerLunFromWhenTheFaultWasSet() throws DeviceException {
        SimSan san = SimSan.inMemory();
        san.createVolumeGroup("vg", 2, Personality.SCSI);
        PrDevice pv1 = san.device("/dev/sim/vg/pv1", "h1");
        PrDevice pv2 = san.device("/dev/sim/vg/pv2", "h1");
        pv1.readKeys();
        pv1.readKeys();
        san.setFaults("vg-pv1", Faults.builder().failNth(2, FailureKind.DEVICE_ERROR).failCount(2).build());
        assertTrue(pv2.readKeys().isOk(), "another LU does not count");
        assertTrue(pv1.readKeys().isOk(), "first command since the fault was set");
        assertInstanceOf(Failure.DeviceError.class, pv1.readKeys().failureOrNull());
        assertInstanceOf(Failure.DeviceError.class, pv1.readKeys().failureOrNull());
        assertTrue(pv1.readKeys().isOk(), "failCount 2 is over");
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void eachFailureKindMapsToItsTypedFailure(Personality personality) throws DeviceException {
        SimSan san = SimSan.inMemory();
        san.createVolumeGroup("vg", 1, personality);
        PrDevice d = firstPv(san, "vg", "h1");
        // NOT READY is resent by the device, as the real transports do (6 sends): 6 failures are reported.
        san.setFaults("vg-pv1", Faults.builder().failNth(1, FailureKind.NOT_READY).failCount(6).build());
        assertEquals(Failure.RetryReason.NOT_READY,
                assertInstanceOf(Failure.Retryable.class, d.readKeys().failureOrNull()).reason());
        san.setFaults("vg-pv1", Faults.builder().failNth(1, FailureKind.TIMEOUT)
                .timeoutAfter(Duration.ofSeconds(7)).build());
        assertEquals(Duration.ofSeconds(7),
                assertInstanceOf(Failure.Timeout.class, d.readKeys().failureOrNull()).after());
        san.setFaults("vg-pv1", Faults.builder().failNth(1, FailureKind.DEVICE_ERROR).build());
        assertInstanceOf(Failure.DeviceError.class, d.readKeys().failureOrNull());
        san.setFaults("vg-pv1", Faults.builder().failNth(1, FailureKind.CONFLICT).build());
        assertInstanceOf(Failure.ReservationConflict.class, d.readKeys().failureOrNull());
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void notReadyIsResentUpToSixSendsLikeTheRealTransports(Personality personality) throws DeviceException {
        SimSan san = SimSan.inMemory();
        san.createVolumeGroup("vg", 1, personality);
        PrDevice d = firstPv(san, "vg", "h1");
        san.setFaults("vg-pv1", Faults.builder().failNth(1, FailureKind.NOT_READY).failCount(5).build());
        assertTrue(d.readKeys().isOk(), "five NOT READY answers, the sixth send succeeds");
        san.setFaults("vg-pv1", Faults.builder().failNth(1, FailureKind.NOT_READY).failCount(7).build());
        assertInstanceOf(Failure.Retryable.class, d.readKeys().failureOrNull());
        assertTrue(d.readKeys().isOk(), "the next call: its first send (7th failure) is resent");
    }

    @Test
    void aDeviceThatAlwaysTimesOut() throws DeviceException {
        SimSan san = SimSan.inMemory();
        san.createVolumeGroup("vg", 1, Personality.NVME);
        san.setFaults("vg-pv1", Faults.builder().failNth(1, FailureKind.TIMEOUT).failCount(Integer.MAX_VALUE).build());
        PrDevice d = firstPv(san, "vg", "h1");
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Failure.Timeout.class, d.readReservation().failureOrNull());
        }
    }

    @Test
    void anotherHostsChangeQueuesAUnitAttentionOnScsiByDefault() throws DeviceException {
        SimSan san = SimSan.inMemory();
        san.createVolumeGroup("vg", 1, Personality.SCSI);
        PrDevice h1 = firstPv(san, "vg", "h1");
        PrDevice h2 = firstPv(san, "vg", "h2");
        ok(h1.register(ReservationKey.NONE, K1, true, false));
        ok(h2.register(ReservationKey.NONE, K2, true, false));
        ok(h1.reserve(K1, ReservationType.WERO));
        ok(h1.release(K1, ReservationType.WERO));
        assertTrue(san.describe().contains("pending unit attention for h2: 2A/04"), san.describe());
        assertTrue(h2.readReservation().isOk(), "the device resends the command that got the unit attention");
        assertFalse(san.describe().contains("pending unit attention"), san.describe());
        assertTrue(san.describe().contains("generation 2"), san.describe());

        san.setFaults("vg-pv1", Faults.builder().unitAttentions(false).build());
        ok(h1.clear(K1));
        assertTrue(h2.readKeys().isOk(), "unit attentions switched off");
    }

    @Test
    void latencyDelaysEachCommand() throws DeviceException {
        SimSan san = SimSan.inMemory();
        san.createVolumeGroup("vg", 1, Personality.SCSI);
        san.setFaults("vg-pv1", Faults.builder().latency(Duration.ofMillis(50)).build());
        PrDevice d = firstPv(san, "vg", "h1");
        long start = System.nanoTime();
        d.readKeys();
        d.readKeys();
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos(), "two commands take 2 x latency");
    }

    /**
     * The latency is slept outside the lock: while one command to a slow LU is still sleeping, its effect is
     * visible and other commands go through. (Deterministic: no timing bound is asserted.)
     */
    @Test
    void latencyIsSleptOutsideTheLockInMemory() throws Exception {
        commandsOverlapDuringLatency(SimSan.inMemory());
    }

    @Test
    void latencyIsSleptOutsideTheLockWithAStateFile() throws Exception {
        commandsOverlapDuringLatency(SimSan.open(dir.resolve("san.state")));
    }

    private void commandsOverlapDuringLatency(SimSan san) throws Exception {
        san.createVolumeGroup("vg", 2, Personality.SCSI);
        san.setFaults("vg-pv1", Faults.builder().latency(Duration.ofSeconds(2)).build());
        PrDevice slow = san.device("/dev/sim/vg/pv1", "h1");
        PrDevice fast = san.device("/dev/sim/vg/pv2", "h1");
        CompletableFuture<PrResult<?>> pending = CompletableFuture.supplyAsync(
                () -> slow.register(ReservationKey.NONE, K1, true, false));
        while (san.registeredKey("/dev/sim/vg/pv1", "h1").isEmpty()) {
            Thread.onSpinWait();
        }
        ok(fast.register(ReservationKey.NONE, K1, true, false));
        assertFalse(pending.isDone(), "the slow command is still in its latency while others ran");
        assertTrue(pending.get().isOk());
    }

    /** Loose throughput check: 16 LUs x 250 ms latency from 16 threads take far less than the 4 s sum. */
    @Test
    void commandsToDifferentLunsOverlapFromParallelThreads() throws Exception {
        SimSan san = SimSan.open(dir.resolve("parallel.state"));
        List<String> pvs = san.createVolumeGroup("vg", 16, Personality.NVME);
        for (int n = 1; n <= 16; n++) {
            san.setFaults("vg-pv" + n, Faults.builder().latency(Duration.ofMillis(250)).build());
        }
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PrResult<?>>> results = new ArrayList<>();
            for (String pv : pvs) {
                PrDevice d = san.device(pv, "h1");
                results.add(pool.submit(() -> d.register(ReservationKey.NONE, K1, true, false)));
            }
            for (Future<PrResult<?>> r : results) {
                assertTrue(r.get().isOk());
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(elapsed.compareTo(Duration.ofMillis(16 * 250)) < 0, "serialised: " + elapsed);
    }

    @Test
    void faultsPrintAsOneReadableLine() {
        assertEquals("no faults", Faults.NONE.toString());
        assertEquals("latency 5 ms, command #3 (+1 more) fails with TIMEOUT after 100 ms, no unit attentions, "
                + "no PR support, unsupported types WE,EAAR", Faults.builder().latency(Duration.ofMillis(5))
                .failNth(3, FailureKind.TIMEOUT).failCount(2).timeoutAfter(Duration.ofMillis(100))
                .unitAttentions(false).prSupported(false)
                .unsupportedTypes(java.util.Set.of(ReservationType.EAAR, ReservationType.WE)).build().toString());
    }

    @Test
    void invalidKnobsAreRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Faults.builder().latency(Duration.ofMillis(-1)).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Faults.builder().failNth(-1, FailureKind.CONFLICT).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Faults.builder().failCount(0).build());
    }

    private static <T> T ok(PrResult<T> result) {
        assertTrue(result.isOk(), () -> "expected success, got " + result);
        return ((PrResult.Ok<T>) result).value();
    }
}
