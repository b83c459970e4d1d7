package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PrDevice adapters: which wire commands each operation becomes, and how statuses map to failures. */
class SimDeviceTest {
    private static final ReservationKey K1 = ReservationKey.of(0x1000000000000001L);
    private static final ReservationKey K2 = ReservationKey.of(0x1000000000000002L);
    private static final ReservationKey K3 = ReservationKey.of(0x1000000000000003L);

    private final SimSan san = SimSan.inMemory();

    private String lun(Personality personality) {
        return lun(personality, personality == Personality.NVME ? DeviceClass.NVME : DeviceClass.SCSI);
    }

    private String lun(Personality personality, DeviceClass deviceClass) {
        san.createLun("lu", personality, deviceClass);
        san.bind("/dev/sim/x/pv1", "lu");
        return "/dev/sim/x/pv1";
    }

    private static <T> T ok(PrResult<T> result) {
        assertTrue(result.isOk(), () -> "expected success, got " + result);
        return ((PrResult.Ok<T>) result).value();
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void registerIgnoringTheExistingKeyReplacesAnyKey(Personality personality) throws DeviceException {
        PrDevice d = san.device(lun(personality), "h1");
        ok(d.register(ReservationKey.NONE, K1, true, false));
        ok(d.register(ReservationKey.NONE, K2, true, false));
        KeyList keys = ok(d.readKeys());
        assertEquals(List.of(K2), keys.keys());
        // SCSI: two REGISTER AND IGNORE; NVMe: Register, then Register (conflict, no bump) + Replace with IEKEY.
        assertEquals(2, keys.generation());
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void registerWithoutIgnoringNeedsTheCurrentKey(Personality personality) throws DeviceException {
        PrDevice d = san.device(lun(personality), "h1");
        ok(d.register(ReservationKey.NONE, K1, false, false));
        assertInstanceOf(Failure.ReservationConflict.class, d.register(K3, K2, false, false).failureOrNull());
        ok(d.register(K1, K2, false, false));
        assertEquals(List.of(K2), ok(d.readKeys()).keys());
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void unregisterRemovesTheKeyAndTheNonArReservation(Personality personality) throws DeviceException {
        String path = lun(personality);
        PrDevice d = san.device(path, "h1");
        ok(d.register(ReservationKey.NONE, K1, true, false));
        ok(d.reserve(K1, ReservationType.WE));
        ok(d.unregister(K1));
        assertEquals(List.of(), ok(d.readKeys()).keys());
        assertFalse(ok(d.readReservation()).isHeld());
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void persistThroughPowerLossSetsTheDevicesPtplState(Personality personality) throws DeviceException {
        PrDevice d = san.device(lun(personality), "h1");
        ok(d.register(ReservationKey.NONE, K1, true, true));
        assertTrue(san.describe().contains("PTPL on"), san.describe());
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void readReservationReportsTheHolderKeyOrZeroForAllRegistrants(Personality personality) throws DeviceException {
        String path = lun(personality);
        PrDevice h1 = san.device(path, "h1");
        PrDevice h2 = san.device(path, "h2");
        ok(h1.register(ReservationKey.NONE, K1, true, false));
        ok(h2.register(ReservationKey.NONE, K2, true, false));
        ok(h1.reserve(K1, ReservationType.WE));
        assertEquals(new Reservation(2, Optional.of(ReservationType.WE), K1), ok(h2.readReservation()));
        ok(h1.release(K1, ReservationType.WE));
        ok(h1.reserve(K1, ReservationType.WEAR));
        assertEquals(new Reservation(2, Optional.of(ReservationType.WEAR), ReservationKey.NONE),
                ok(h2.readReservation()));
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void preemptAndAbortFencesTheVictim(Personality personality) throws DeviceException {
        String path = lun(personality);
        PrDevice h1 = san.device(path, "h1");
        PrDevice h2 = san.device(path, "h2");
        ok(h1.register(ReservationKey.NONE, K1, true, false));
        ok(h2.register(ReservationKey.NONE, K2, true, false));
        ok(h1.reserve(K1, ReservationType.WE));
        ok(h2.preempt(K2, K1, ReservationType.WE, true));
        assertFalse(san.canWrite(path, "h1"), "the fenced host can no longer write");
        assertTrue(san.canWrite(path, "h2"));
        assertEquals(Optional.empty(), san.registeredKey(path, "h1"));
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void clearRemovesEverything(Personality personality) throws DeviceException {
        String path = lun(personality);
        PrDevice h1 = san.device(path, "h1");
        PrDevice h2 = san.device(path, "h2");
        ok(h1.register(ReservationKey.NONE, K1, true, false));
        ok(h2.register(ReservationKey.NONE, K2, true, false));
        ok(h1.reserve(K1, ReservationType.WEAR));
        ok(h1.clear(K1));
        assertEquals(new KeyList(3, List.of()), ok(h1.readKeys()));
        assertEquals(Reservation.none(3), ok(h1.readReservation()));
    }

    @Test
    void scsiReleaseWithTheWrongTypeIsADeviceErrorCarryingTheSense() throws DeviceException {
        PrDevice d = san.device(lun(Personality.SCSI), "h1");
        ok(d.register(ReservationKey.NONE, K1, true, false));
        ok(d.reserve(K1, ReservationType.WE));
        Failure f = d.release(K1, ReservationType.EA).failureOrNull();
        Failure.DeviceError error = assertInstanceOf(Failure.DeviceError.class, f);
        assertTrue(error.raw().contains("5/26/04"), error.raw());
    }

    @Test
    void nvmeReleaseWithTheWrongTypeConflicts() throws DeviceException {
        PrDevice d = san.device(lun(Personality.NVME), "h1");
        ok(d.register(ReservationKey.NONE, K1, true, false));
        ok(d.reserve(K1, ReservationType.WE));
        Failure f = d.release(K1, ReservationType.EA).failureOrNull();
        assertEquals(new Failure.ReservationConflict("NVMe status 0x4083"), f);
    }

    @Test
    void nvmeReserveOfAnExistingWearByAnotherHostConflicts() throws DeviceException {
        String path = lun(Personality.NVME);
        PrDevice h1 = san.device(path, "h1");
        PrDevice h2 = san.device(path, "h2");
        ok(h1.register(ReservationKey.NONE, K1, true, false));
        ok(h2.register(ReservationKey.NONE, K2, true, false));
        ok(h1.reserve(K1, ReservationType.WEAR));
        assertInstanceOf(Failure.ReservationConflict.class, h2.reserve(K2, ReservationType.WEAR).failureOrNull());
    }

    @Test
    void scsiReserveOfAnExistingWearByAnotherRegistrantSucceeds() throws DeviceException {
        String path = lun(Personality.SCSI);
        PrDevice h1 = san.device(path, "h1");
        PrDevice h2 = san.device(path, "h2");
        ok(h1.register(ReservationKey.NONE, K1, true, false));
        ok(h2.register(ReservationKey.NONE, K2, true, false));
        ok(h1.reserve(K1, ReservationType.WEAR));
        ok(h2.reserve(K2, ReservationType.WEAR));
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void anUnsupportedTypeIsNotSupportedType(Personality personality) throws DeviceException {
        String path = lun(personality);
        san.setFaults("lu", Faults.builder().unsupportedTypes(Set.of(ReservationType.WEAR)).build());
        PrDevice d = san.device(path, "h1");
        ok(d.register(ReservationKey.NONE, K1, true, false));
        Failure f = d.reserve(K1, ReservationType.WEAR).failureOrNull();
        assertEquals(Failure.Unsupported.TYPE, assertInstanceOf(Failure.NotSupported.class, f).what());
        Capabilities caps = ok(d.capabilities());
        assertFalse(caps.supports(ReservationType.WEAR));
        assertTrue(caps.supports(ReservationType.WE));
        ok(d.reserve(K1, ReservationType.WE));
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void aDeviceWithoutPrSupportIsNotSupportedDevice(Personality personality) throws DeviceException {
        String path = lun(personality);
        san.setFaults("lu", Faults.builder().prSupported(false).build());
        PrDevice d = san.device(path, "h1");
        for (PrResult<?> r : List.of(d.capabilities(), d.readKeys(), d.readReservation(),
                d.register(ReservationKey.NONE, K1, true, false), d.reserve(K1, ReservationType.WE))) {
            Failure.NotSupported ns = assertInstanceOf(Failure.NotSupported.class, r.failureOrNull());
            assertEquals(Failure.Unsupported.DEVICE, ns.what());
        }
    }

    @Test
    void aScsiUnitAttentionIsResentByTheDeviceOnceAndTheResendSucceeds() throws DeviceException {
        String path = lun(Personality.SCSI);
        PrDevice h1 = san.device(path, "h1");
        PrDevice h2 = san.device(path, "h2");
        ok(h1.register(ReservationKey.NONE, K1, true, false));
        ok(h2.register(ReservationKey.NONE, K2, true, false));
        ok(h1.preempt(K1, K2, ReservationType.WE, false));
        assertTrue(san.describe().contains("pending unit attention for h2: 2A/05"), san.describe());
        long generation = ok(h1.readKeys()).generation();
        ok(h2.register(ReservationKey.NONE, K2, true, false));   // UNIT ATTENTION, then sent again: executed once
        assertEquals(List.of(K1, K2), ok(h1.readKeys()).keys());
        assertEquals(generation + 1, ok(h1.readKeys()).generation());
    }

    @Test
    void nvmeHasNoUnitAttentions() throws DeviceException {
        String path = lun(Personality.NVME);
        PrDevice h1 = san.device(path, "h1");
        PrDevice h2 = san.device(path, "h2");
        ok(h1.register(ReservationKey.NONE, K1, true, false));
        ok(h2.register(ReservationKey.NONE, K2, true, false));
        ok(h1.preempt(K1, K2, ReservationType.WE, false));
        ok(h2.register(ReservationKey.NONE, K2, true, false));
    }

    @Test
    void devicesReportTheirPathAndClass() throws DeviceException {
        String path = lun(Personality.SCSI, DeviceClass.MULTIPATH);
        PrDevice d = san.device(path, "h1");
        assertEquals(path, d.path());
        assertEquals(DeviceClass.MULTIPATH, d.deviceClass());
        d.close();
    }

    @Test
    void anUnboundPathIsADeviceException() {
        DeviceException e = assertThrows(DeviceException.class, () -> san.device("/dev/sim/nope", "h1"));
        assertEquals("/dev/sim/nope", e.device());
        assertTrue(e.getMessage().contains("not bound"), e.getMessage());
    }
}
