package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifyTest {

    private static byte[] page(int offset, int... values) {
        byte[] data = new byte[4096];
        for (int i = 0; i < values.length; i++) {
            data[offset + i] = (byte) values[i];
        }
        return data;
    }

    @Test
    void oncsBit5AtByte520MeansReservations() {
        assertTrue(IdentifyController.decode(page(520, 0x20, 0x00)).reservations());
        assertTrue(IdentifyController.decode(page(520, 0xFF, 0xFF)).reservations());
        assertFalse(IdentifyController.decode(page(520, 0xDF, 0xFF)).reservations());
        // ONCS is little-endian: 0x20 in byte 521 is bit 13, not bit 5.
        assertFalse(IdentifyController.decode(page(520, 0x00, 0x20)).reservations());
        assertFalse(IdentifyController.decode(new byte[4096]).reservations());
    }

    @Test
    void ctrattBit0AtByte96MeansHostId128() {
        assertTrue(IdentifyController.decode(page(96, 0x01)).hostId128());
        assertFalse(IdentifyController.decode(page(96, 0xFE)).hostId128());
        assertFalse(IdentifyController.decode(page(97, 0x01)).hostId128());
    }

    @Test
    void rescapByte31() {
        IdentifyNamespace all = IdentifyNamespace.decode(page(31, 0x7F));
        assertEquals(EnumSet.allOf(ReservationType.class), all.types());
        assertTrue(all.ptplCapable());
        assertFalse(all.ignoreExistingKeyObsolete());

        // bit 1 WE, bit 5 WEAR
        IdentifyNamespace some = IdentifyNamespace.decode(page(31, 0x22));
        assertEquals(Set.of(ReservationType.WE, ReservationType.WEAR), some.types());
        assertFalse(some.ptplCapable());

        // bit 2 EA, bit 3 WERO, bit 4 EARO, bit 6 EAAR, bit 7 IEK_13
        IdentifyNamespace other = IdentifyNamespace.decode(page(31, 0xDC));
        assertEquals(Set.of(ReservationType.EA, ReservationType.WERO, ReservationType.EARO, ReservationType.EAAR),
                other.types());
        assertTrue(other.ignoreExistingKeyObsolete());

        assertEquals(Set.of(), IdentifyNamespace.decode(page(30, 0xFF)).types());
    }

    @Test
    void shortDataIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> IdentifyController.decode(new byte[521]));
        assertThrows(IllegalArgumentException.class, () -> IdentifyNamespace.decode(new byte[31]));
    }
}
