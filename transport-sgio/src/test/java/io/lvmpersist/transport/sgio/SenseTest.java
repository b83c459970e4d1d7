package io.lvmpersist.transport.sgio;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.lvmpersist.transport.sgio.GoldenBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fixed (SPC-4 4.5.3) and descriptor (4.5.2) sense against hand-written sense buffers. */
class SenseTest {

    @Test
    void fixedFormatIllegalRequest() {
        // 70h, key 5 at byte 2, additional length 0Ah, ASC 24h ASCQ 00h at bytes 12..13
        byte[] b = hex("70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00");
        Sense s = Sense.decode(b, b.length).orElseThrow();
        assertEquals(new Sense(0x70, 5, 0x24, 0x00), s);
        assertFalse(s.descriptorFormat());
        assertFalse(s.deferred());
    }

    @Test
    void fixedFormatWithValidBitAndDeferred() {
        // F1h = VALID bit + 71h (deferred), UNIT ATTENTION 2A/03
        byte[] b = hex("f1 00 06 00 00 00 00 0a 00 00 00 00 2a 03 00 00 00 00");
        Sense s = Sense.decode(b, b.length).orElseThrow();
        assertEquals(new Sense(0x71, 6, 0x2a, 0x03), s);
        assertTrue(s.deferred());
    }

    @Test
    void descriptorFormat() {
        // 72h, key 2 at byte 1, ASC 04h ASCQ 07h at bytes 2..3, additional length 0
        byte[] b = hex("72 02 04 07 00 00 00 00");
        Sense s = Sense.decode(b, b.length).orElseThrow();
        assertEquals(new Sense(0x72, 2, 0x04, 0x07), s);
        assertTrue(s.descriptorFormat());
        assertEquals("NOT READY 0x2 asc/ascq 0x04/0x07", s.toString());
    }

    @Test
    void descriptorFormatDeferred() {
        byte[] b = hex("73 0b 47 00 00 00 00 00");
        Sense s = Sense.decode(b, b.length).orElseThrow();
        assertEquals(new Sense(0x73, 0xb, 0x47, 0x00), s);
        assertTrue(s.deferred());
    }

    @Test
    void clampedBySbLenWr() {
        // The buffer holds stale bytes beyond what the kernel wrote: only 8 bytes count.
        byte[] b = hex("70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00");
        assertEquals(Optional.of(new Sense(0x70, 5, 0, 0)), Sense.decode(b, 8));
        assertEquals(Optional.of(new Sense(0x70, 5, 0x24, 0)), Sense.decode(b, 13));
        byte[] d = hex("72 05 20 00 00 00 00 00");
        assertEquals(Optional.of(new Sense(0x72, 5, 0x20, 0)), Sense.decode(d, 3));
        assertEquals(Optional.empty(), Sense.decode(d, 0));
    }

    @Test
    void fixedFormatAdditionalLengthLimitsAscAscq() {
        // additional length 4: bytes 8..11 only, ASC/ASCQ not present even though the buffer has them.
        byte[] b = hex("70 00 06 00 00 00 00 04 00 00 00 00 29 00");
        assertEquals(Optional.of(new Sense(0x70, 6, 0, 0)), Sense.decode(b, b.length));
    }

    @Test
    void notSense() {
        assertEquals(Optional.empty(), Sense.decode(hex("00 05 24 00 00 00 00 00"), 8));
        assertEquals(Optional.empty(), Sense.decode(hex("7f 05 24 00"), 4));
        assertEquals(Optional.empty(), Sense.decode(new byte[0], 10));
    }
}
