package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.nvme.NvmeCommands.AcquireAction;
import io.lvmpersist.transport.nvme.NvmeCommands.Cptpl;
import io.lvmpersist.transport.nvme.NvmeCommands.RegisterAction;
import io.lvmpersist.transport.nvme.NvmeCommands.ReleaseAction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static io.lvmpersist.transport.nvme.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden values written from the NVMe command tables (CDW10/CDW11 bit positions, little-endian keys). */
class NvmeCommandsTest {
    private static final ReservationKey K1 = ReservationKey.of(0x0102030405060708L);
    private static final ReservationKey K2 = ReservationKey.of(0x1122334455667788L);
    private static final ReservationKey LVM = ReservationKey.of(0x1000000000000001L);

    private static void assertDwords(NvmeCommand c, int opcode, int nsid, int cdw10, int cdw11) {
        assertEquals(opcode, c.opcode(), "opcode");
        assertEquals(nsid, c.nsid(), "nsid");
        assertEquals(cdw10, c.cdw10(), () -> "cdw10 0x" + Integer.toHexString(c.cdw10()));
        assertEquals(cdw11, c.cdw11(), "cdw11");
        assertEquals(0, c.cdw12() | c.cdw13() | c.cdw14() | c.cdw15(), "cdw12-15");
    }

    @Test
    void registerPlain() {
        NvmeCommand c = NvmeCommands.register(1, RegisterAction.REGISTER, false, Cptpl.NO_CHANGE,
                ReservationKey.NONE, LVM);
        assertDwords(c, 0x0D, 1, 0x00000000, 0);
        assertArrayEquals(hex("0000000000000000 0100000000000010"), c.dataOut());
        assertFalse(c.readsData());
        assertEquals(16, c.dataLength());
    }

    @Test
    void registerWithPtplSetsCptpl3InBits31To30() {
        NvmeCommand c = NvmeCommands.register(1, RegisterAction.REGISTER, false, Cptpl.SET, ReservationKey.NONE, LVM);
        assertDwords(c, 0x0D, 1, 0xC0000000, 0);
    }

    @Test
    void replaceWithIekeyAndCptpl3() {
        NvmeCommand c = NvmeCommands.register(2, RegisterAction.REPLACE, true, Cptpl.SET, ReservationKey.NONE, LVM);
        assertDwords(c, 0x0D, 2, 0xC000000A, 0);
        assertArrayEquals(hex("0000000000000000 0100000000000010"), c.dataOut());
    }

    @Test
    void replaceCarriesBothKeysLittleEndian() {
        NvmeCommand c = NvmeCommands.register(1, RegisterAction.REPLACE, false, Cptpl.NO_CHANGE, K1, K2);
        assertDwords(c, 0x0D, 1, 0x00000002, 0);
        assertArrayEquals(hex("0807060504030201 8877665544332211"), c.dataOut());
    }

    @Test
    void unregisterWithCptplClear() {
        NvmeCommand c = NvmeCommands.register(1, RegisterAction.UNREGISTER, false, Cptpl.CLEAR, K1,
                ReservationKey.NONE);
        assertDwords(c, 0x0D, 1, 0x80000001, 0);
        assertArrayEquals(hex("0807060504030201 0000000000000000"), c.dataOut());
    }

    @Test
    void acquireWriteExclusive() {
        NvmeCommand c = NvmeCommands.acquire(1, AcquireAction.ACQUIRE, ReservationType.WE, K1, ReservationKey.NONE);
        assertDwords(c, 0x11, 1, 0x00000100, 0);
        assertArrayEquals(hex("0807060504030201 0000000000000000"), c.dataOut());
        assertEquals(1, c.rtype());
    }

    @Test
    void acquireAllRegistrants() {
        NvmeCommand c = NvmeCommands.acquire(1, AcquireAction.ACQUIRE, ReservationType.WEAR, K1, ReservationKey.NONE);
        assertDwords(c, 0x11, 1, 0x00000500, 0);
    }

    @Test
    void preemptAndPreemptAndAbort() {
        NvmeCommand p = NvmeCommands.acquire(3, AcquireAction.PREEMPT, ReservationType.WERO, K1, K2);
        assertDwords(p, 0x11, 3, 0x00000301, 0);
        assertArrayEquals(hex("0807060504030201 8877665544332211"), p.dataOut());
        NvmeCommand pa = NvmeCommands.acquire(3, AcquireAction.PREEMPT_AND_ABORT, ReservationType.EA, K1, K2);
        assertDwords(pa, 0x11, 3, 0x00000202, 0);
        NvmeCommand ear = NvmeCommands.acquire(3, AcquireAction.PREEMPT_AND_ABORT, ReservationType.EAAR, K1, K2);
        assertDwords(ear, 0x11, 3, 0x00000602, 0);
    }

    @Test
    void releaseSendsTheEightByteCrkey() {
        NvmeCommand c = NvmeCommands.release(1, ReleaseAction.RELEASE, ReservationType.EARO, K2);
        assertDwords(c, 0x15, 1, 0x00000400, 0);
        assertArrayEquals(hex("8877665544332211"), c.dataOut());
        assertEquals(4, c.rtype());
    }

    @Test
    void clearHasNoType() {
        NvmeCommand c = NvmeCommands.release(1, ReleaseAction.CLEAR, null, K1);
        assertDwords(c, 0x15, 1, 0x00000001, 0);
        assertArrayEquals(hex("0807060504030201"), c.dataOut());
        assertEquals(0, c.rtype());
    }

    @Test
    void reportNumdIsZeroBasedDwordsAndEdsIsCdw11Bit0() {
        NvmeCommand eds = NvmeCommands.report(1, 4096, true);
        assertDwords(eds, 0x0E, 1, 0x000003FF, 0x1);
        assertEquals(4096, eds.dataInLength());
        assertTrue(eds.readsData());
        assertEquals(0, eds.dataOut().length);

        NvmeCommand regular = NvmeCommands.report(1, 24, false);
        assertDwords(regular, 0x0E, 1, 0x00000005, 0x0);

        NvmeCommand grown = NvmeCommands.report(9, 4544, true);
        assertDwords(grown, 0x0E, 9, 1135, 0x1);
    }

    @Test
    void reportRejectsBuffersThatAreNotWholeDwords() {
        assertThrows(IllegalArgumentException.class, () -> NvmeCommands.report(1, 0, true));
        assertThrows(IllegalArgumentException.class, () -> NvmeCommands.report(1, 30, true));
    }

    @Test
    void identifyControllerAndNamespace() {
        NvmeCommand ctrl = NvmeCommands.identifyController();
        assertDwords(ctrl, 0x06, 0, 0x00000001, 0);
        assertEquals(4096, ctrl.dataInLength());
        NvmeCommand ns = NvmeCommands.identifyNamespace(7);
        assertDwords(ns, 0x06, 7, 0x00000000, 0);
        assertEquals(4096, ns.dataInLength());
    }

    @Test
    void commandCannotBothSendAndReceive() {
        assertThrows(IllegalArgumentException.class,
                () -> new NvmeCommand("x", 1, 1, 0, 0, 0, 0, 0, 0, new byte[] {1}, 4));
    }

    @Test
    void toStringShowsWhatDebugLoggingPrints() {
        NvmeCommand c = NvmeCommands.register(1, RegisterAction.REPLACE, true, Cptpl.SET, ReservationKey.NONE, LVM);
        assertEquals("Reservation Register opcode=0x0d nsid=1 cdw10=0xc000000a cdw11=0x0"
                + " data-out=00000000000000000100000000000010", c.toString());
        assertEquals("Reservation Report opcode=0x0e nsid=1 cdw10=0x3ff cdw11=0x1 data-in=4096 bytes",
                NvmeCommands.report(1, 4096, true).toString());
    }

    @Property
    void registerFieldsLandInTheirBits(@ForAll RegisterAction action, @ForAll boolean iekey, @ForAll Cptpl cptpl,
                                       @ForAll long current, @ForAll long next) {
        NvmeCommand c = NvmeCommands.register(1, action, iekey, cptpl, ReservationKey.of(current),
                ReservationKey.of(next));
        int rrega = switch (action) {
            case REGISTER -> 0;
            case UNREGISTER -> 1;
            case REPLACE -> 2;
        };
        assertEquals(rrega, c.cdw10() & 0x7);
        assertEquals(iekey, (c.cdw10() & 0x8) != 0);
        int cptplBits = switch (cptpl) {
            case NO_CHANGE -> 0;
            case CLEAR -> 2;
            case SET -> 3;
        };
        assertEquals(cptplBits, c.cdw10() >>> 30);
        assertEquals(0, c.cdw10() & 0x3FFFFFF0, "reserved bits stay clear");
        byte[] data = c.dataOut();
        for (int i = 0; i < 8; i++) {
            assertEquals((byte) (current >>> (8 * i)), data[i], "CRKEY byte " + i);
            assertEquals((byte) (next >>> (8 * i)), data[8 + i], "NRKEY byte " + i);
        }
    }

    @Property
    void acquireTypeAndActionRoundTrip(@ForAll AcquireAction action, @ForAll ReservationType type) {
        NvmeCommand c = NvmeCommands.acquire(1, action, type, K1, K2);
        assertEquals(type.nvmeCode(), c.rtype());
        int racqa = switch (action) {
            case ACQUIRE -> 0;
            case PREEMPT -> 1;
            case PREEMPT_AND_ABORT -> 2;
        };
        assertEquals(racqa, c.cdw10() & 0x7);
        assertEquals(0, c.cdw10() & 0xFFFF00F8, "IEKEY and reserved bits stay clear");
    }

    @Property
    void reportNumdCoversTheBuffer(@ForAll @IntRange(min = 1, max = 1 << 20) int dwords, @ForAll boolean eds) {
        NvmeCommand c = NvmeCommands.report(1, dwords * 4, eds);
        assertEquals(dwords * 4, (c.cdw10() + 1) * 4);
        assertEquals(eds ? 1 : 0, c.cdw11());
    }
}
