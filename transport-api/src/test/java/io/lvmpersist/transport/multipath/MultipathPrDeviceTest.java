package io.lvmpersist.transport.multipath;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipathPrDeviceTest {
    private static final ReservationKey A = ReservationKey.of(0xa);
    private static final ReservationKey B = ReservationKey.of(0xb);

    /** A path that records the commands it gets and fails the ones it is told to. */
    static final class FakePath implements PrDevice {
        final String name;
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Failure failWith;
        List<ReservationKey> keys = List.of();

        FakePath(String name) {
            this.name = name;
        }

        private PrResult<Done> answer(String call) {
            calls.add(call);
            return failWith == null ? PrResult.done() : PrResult.failed(failWith);
        }

        @Override
        public String path() {
            return name;
        }

        @Override
        public DeviceClass deviceClass() {
            return DeviceClass.SCSI;
        }

        @Override
        public PrResult<Capabilities> capabilities() {
            calls.add("capabilities");
            return failWith == null ? PrResult.ok(new Capabilities(Set.of(ReservationType.WEAR), true, true))
                    : PrResult.failed(failWith);
        }

        @Override
        public PrResult<KeyList> readKeys() {
            calls.add("readKeys");
            return failWith == null ? PrResult.ok(new KeyList(7, keys)) : PrResult.failed(failWith);
        }

        @Override
        public PrResult<Reservation> readReservation() {
            calls.add("readReservation");
            return failWith == null ? PrResult.ok(Reservation.none(7)) : PrResult.failed(failWith);
        }

        @Override
        public PrResult<Done> register(ReservationKey c, ReservationKey n, boolean ignore, boolean ptpl) {
            return answer("register " + n);
        }

        @Override
        public PrResult<Done> unregister(ReservationKey c) {
            return answer("unregister " + c);
        }

        @Override
        public PrResult<Done> reserve(ReservationKey key, ReservationType type) {
            return answer("reserve " + type);
        }

        @Override
        public PrResult<Done> release(ReservationKey key, ReservationType type) {
            return answer("release " + type);
        }

        @Override
        public PrResult<Done> clear(ReservationKey key) {
            return answer("clear");
        }

        @Override
        public PrResult<Done> preempt(ReservationKey key, ReservationKey victim, ReservationType type, boolean abort) {
            return answer("preempt " + victim);
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    private final FakePath sdb = new FakePath("/dev/sdb");
    private final FakePath sdc = new FakePath("/dev/sdc");
    private final List<String> hookCalls = new ArrayList<>();
    private final RegistrationHook hook = new RegistrationHook() {
        @Override
        public java.util.Optional<String> registered(ReservationKey key, boolean ptpl) {
            hookCalls.add("registered " + key);
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> unregistered(ReservationKey key) {
            hookCalls.add("unregistered " + key);
            return java.util.Optional.empty();
        }
    };

    private MultipathPrDevice map() {
        return new MultipathPrDevice("/dev/dm-3", List.of(PathHandle.open(sdb.name, sdb), PathHandle.open(sdc.name, sdc)),
                hook);
    }

    @Test
    void registerGoesToEveryPathAndTellsTheHook() {
        assertTrue(map().register(ReservationKey.NONE, A, true, false).isOk());
        assertEquals(List.of("register 0xa"), sdb.calls);
        assertEquals(List.of("register 0xa"), sdc.calls);
        assertEquals(List.of("registered 0xa"), hookCalls);
    }

    @Test
    void aFailedPathDoesNotFailRegisterButIsNamed() {
        sdc.failWith = new Failure.DeviceError("transport error (DID_NO_CONNECT)", "host=0x01");
        MultipathPrDevice map = map();
        assertTrue(map.register(ReservationKey.NONE, A, true, false).isOk());
        assertEquals(List.of("path /dev/sdc of /dev/dm-3: register 0xa failed: transport error (DID_NO_CONNECT); "
                + "done on /dev/sdb"), map.notices());
        assertEquals(List.of("/dev/sdc"), map.failedPaths());
        // The failed path is not used for the next single-path command.
        assertTrue(map.reserve(A, ReservationType.WEAR).isOk());
        assertEquals(List.of("register 0xa"), sdc.calls);
    }

    @Test
    void registerFailsWhenNoPathCarriesIt() {
        sdb.failWith = new Failure.DeviceError("dead", "");
        sdc.failWith = new Failure.ReservationConflict("status 0x18");
        PrResult<Done> result = map().register(ReservationKey.NONE, A, true, false);
        assertInstanceOf(Failure.ReservationConflict.class, result.failureOrNull(), "a conflict is the better cause");
        assertEquals(List.of(), hookCalls);
    }

    @Test
    void singlePathCommandsMoveToTheNextPathOnPathErrorsOnly() {
        sdb.failWith = new Failure.Timeout(java.time.Duration.ofSeconds(7), "DID_TIME_OUT");
        MultipathPrDevice map = map();
        assertTrue(map.reserve(A, ReservationType.WEAR).isOk());
        assertEquals(List.of("reserve WEAR"), sdb.calls);
        assertEquals(List.of("reserve WEAR"), sdc.calls);

        FakePath sdd = new FakePath("/dev/sdd");
        FakePath sde = new FakePath("/dev/sde");
        sdd.failWith = new Failure.ReservationConflict("status 0x18");
        MultipathPrDevice other = new MultipathPrDevice("/dev/dm-4",
                List.of(PathHandle.open(sdd.name, sdd), PathHandle.open(sde.name, sde)), RegistrationHook.NONE);
        assertInstanceOf(Failure.ReservationConflict.class, other.reserve(A, ReservationType.WE).failureOrNull());
        assertEquals(List.of(), sde.calls, "a conflict is the LU's answer, not a path problem");
    }

    @Test
    void readKeysListsEachKeyOnce() {
        sdb.keys = List.of(A, A, B, B);
        KeyList keys = ((PrResult.Ok<KeyList>) map().readKeys()).value();
        assertEquals(List.of(A, B), keys.keys());
        assertEquals(7, keys.generation());
        assertEquals(List.of(), sdc.calls);
    }

    @Test
    void unregisterOfAPathWithoutRegistrationIsDone() {
        sdc.failWith = new Failure.ReservationConflict("status 0x18");
        MultipathPrDevice map = map();
        assertTrue(map.unregister(A).isOk());
        assertEquals(List.of(), map.notices());
        assertEquals(List.of("unregistered 0xa"), hookCalls);
    }

    @Test
    void preemptingOurOwnKeyRegistersEveryPathAgain() {
        assertTrue(map().preempt(A, A, ReservationType.WEAR, false).isOk());
        assertEquals(List.of("preempt 0xa", "register 0xa"), sdb.calls);
        assertEquals(List.of("register 0xa"), sdc.calls);
    }

    @Test
    void preemptingAnotherKeyLeavesSiblingsAlone() {
        assertTrue(map().preempt(A, B, ReservationType.WEAR, true).isOk());
        assertEquals(List.of(), sdc.calls);
    }

    @Test
    void aPathThatCannotBeOpenedIsReportedAndSkipped() {
        MultipathPrDevice map = new MultipathPrDevice("/dev/dm-3", List.of(
                PathHandle.failed("/dev/sdb", new Failure.DeviceError("cannot open /dev/sdb: No such device", "ENXIO")),
                PathHandle.open(sdc.name, sdc)), hook);
        assertTrue(map.register(ReservationKey.NONE, A, true, false).isOk());
        assertEquals(List.of("path /dev/sdb of /dev/dm-3: cannot be opened: cannot open /dev/sdb: No such device"),
                map.notices());
        assertEquals(List.of("register 0xa"), sdc.calls);
        map.close();
        assertTrue(sdc.calls.contains("close"));
    }
}
