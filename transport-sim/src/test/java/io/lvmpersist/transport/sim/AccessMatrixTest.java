package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The libiscsi access matrix (A1) for a second initiator: registered read/write, unregistered read/write,
 * for every type and both personalities; the holder may always read and write.
 */
class AccessMatrixTest {
    private static final String PATH = "/dev/sim/access/pv1";

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Personality p : Personality.values()) {
            rows.add(Arguments.of(p, ReservationType.EA, false, false, false, false));
            rows.add(Arguments.of(p, ReservationType.WE, true, false, true, false));
            rows.add(Arguments.of(p, ReservationType.EARO, true, true, false, false));
            rows.add(Arguments.of(p, ReservationType.WERO, true, true, true, false));
            rows.add(Arguments.of(p, ReservationType.EAAR, true, true, false, false));
            rows.add(Arguments.of(p, ReservationType.WEAR, true, true, true, false));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1}: registered r/w {2}/{3}, unregistered r/w {4}/{5}")
    @MethodSource("matrix")
    void accessFollowsTheMatrix(Personality personality, ReservationType type, boolean regRead, boolean regWrite,
                                boolean unregRead, boolean unregWrite) throws DeviceException {
        SimSan san = SimSan.inMemory();
        san.createLun("lu", personality, personality == Personality.NVME ? DeviceClass.NVME : DeviceClass.SCSI);
        san.bind(PATH, "lu");
        PrDevice holder = san.device(PATH, "holder");
        PrDevice second = san.device(PATH, "second");
        ReservationKey k1 = ReservationKey.of(0x11);
        ReservationKey k2 = ReservationKey.of(0x22);
        assertTrue(holder.register(ReservationKey.NONE, k1, true, false).isOk());
        assertTrue(second.register(ReservationKey.NONE, k2, true, false).isOk());
        assertTrue(san.canWrite(PATH, "unregistered"), "no reservation: everyone writes");

        assertTrue(holder.reserve(k1, type).isOk());

        assertTrue(san.canRead(PATH, "holder"));
        assertTrue(san.canWrite(PATH, "holder"));
        assertEquals(regRead, san.canRead(PATH, "second"), "registered read");
        assertEquals(regWrite, san.canWrite(PATH, "second"), "registered write");
        assertEquals(unregRead, san.canRead(PATH, "unregistered"), "unregistered read");
        assertEquals(unregWrite, san.canWrite(PATH, "unregistered"), "unregistered write");
    }
}
