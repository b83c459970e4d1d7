package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceNotices;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simulated dm-multipath maps: every path is its own nexus; paths fail, come back and get added. */
class SimMultipathTest {
    private static final ReservationKey A = ReservationKey.of(0xa);
    private static final ReservationKey B = ReservationKey.of(0xb);

    @TempDir
    Path dir;

    private SimSan san() {
        return SimSan.open(dir.resolve("san.state"));
    }

    private static void ok(PrResult<?> result) {
        assertTrue(result.isOk(), () -> String.valueOf(result.failureOrNull()));
    }

    @Test
    void registeringThroughTheMapRegistersEveryPathAndReadsListTheKeyOnce() throws Exception {
        SimSan san = san();
        String pv = san.createMultipathVolumeGroup("vg0", 1, 3).getFirst();
        try (PrDevice map = san.device(pv, "hostA")) {
            ok(map.register(ReservationKey.NONE, A, true, false));
            ok(map.reserve(A, ReservationType.WEAR));
            for (int p = 1; p <= 3; p++) {
                assertEquals(Optional.of(A), san.registeredKey(pv, "hostA/path" + p));
            }
            assertEquals(List.of(A), ((PrResult.Ok<KeyList>) map.readKeys()).value().keys());
        }
        assertTrue(san.canWrite(pv, "hostA"));
        assertFalse(san.canWrite(pv, "hostB"));
    }

    @Test
    void aPathDownDuringRegisterIsNamedAndLeftUnregisteredUntilItComesBack() throws Exception {
        SimSan san = san();
        String pv = san.createMultipathVolumeGroup("vg0", 1, 2).getFirst();
        String lun = san.lunOf(pv).orElseThrow();
        san.setPathDown(lun, 2, true);
        try (PrDevice map = san.device(pv, "hostA")) {
            ok(map.register(ReservationKey.NONE, A, true, false));
            ok(map.reserve(A, ReservationType.WEAR));
            assertEquals(List.of("path " + pv + "@path2 of " + pv
                    + ": register 0xa failed: path down (transport error DID_NO_CONNECT); done on " + pv + "@path1"),
                    ((DeviceNotices) map).notices());
        }
        assertTrue(san.canWrite(pv, "hostA"), "only path 1 is up, and it is registered");
        san.setPathDown(lun, 2, false);
        assertFalse(san.canWrite(pv, "hostA"), "the reinstated path has no registration: its I/O would conflict");
        try (PrDevice map = san.device(pv, "hostA")) {
            ok(map.register(ReservationKey.NONE, A, true, false));
        }
        assertTrue(san.canWrite(pv, "hostA"));
    }

    @Test
    void aPathAddedLaterNeedsItsOwnRegistration() throws Exception {
        SimSan san = san();
        String pv = san.createMultipathVolumeGroup("vg0", 1, 2).getFirst();
        try (PrDevice map = san.device(pv, "hostA")) {
            ok(map.register(ReservationKey.NONE, A, true, false));
            ok(map.reserve(A, ReservationType.WEAR));
        }
        san.setPathCount(san.lunOf(pv).orElseThrow(), 3);
        assertFalse(san.canWrite(pv, "hostA"));
        try (PrDevice map = san.device(pv, "hostA")) {
            ok(map.register(ReservationKey.NONE, A, true, false));
        }
        assertTrue(san.canWrite(pv, "hostA"));
    }

    @Test
    void fencingAHostRemovesItThroughAllItsPaths() throws Exception {
        SimSan san = san();
        String pv = san.createMultipathVolumeGroup("vg0", 1, 2).getFirst();
        try (PrDevice a = san.device(pv, "hostA"); PrDevice b = san.device(pv, "hostB")) {
            ok(a.register(ReservationKey.NONE, A, true, false));
            ok(a.reserve(A, ReservationType.WEAR));
            ok(b.register(ReservationKey.NONE, B, true, false));
            assertTrue(san.canWrite(pv, "hostB"));
            ok(a.preempt(A, B, ReservationType.WEAR, true));
        }
        assertFalse(san.canWrite(pv, "hostB"));
        assertEquals(Optional.empty(), san.registeredKey(pv, "hostB/path1"));
        assertEquals(Optional.empty(), san.registeredKey(pv, "hostB/path2"));
        assertTrue(san.canWrite(pv, "hostA"));
    }

    @Test
    void selfPreemptKeepsTheSiblingPathsRegistered() throws Exception {
        SimSan san = san();
        String pv = san.createMultipathVolumeGroup("vg0", 1, 2).getFirst();
        try (PrDevice a = san.device(pv, "hostA")) {
            ok(a.register(ReservationKey.NONE, A, true, false));
            ok(a.reserve(A, ReservationType.WEAR));
            ok(a.preempt(A, A, ReservationType.WEAR, false));
        }
        assertEquals(Optional.of(A), san.registeredKey(pv, "hostA/path1"));
        assertEquals(Optional.of(A), san.registeredKey(pv, "hostA/path2"));
    }

    @Test
    void pathStateSurvivesTheStateFile() {
        SimSan san = san();
        String lun = san.lunOf(san.createMultipathVolumeGroup("vg0", 1, 4).getFirst()).orElseThrow();
        san.setPathDown(lun, 3, true);
        SimSan again = san();
        assertEquals(4, again.pathState(lun).count());
        assertFalse(again.pathState(lun).up(3));
        assertTrue(again.pathState(lun).up(4));
        assertTrue(again.describe().contains("multipath: 4 paths per host, down: [3]"), again.describe());
    }
}
