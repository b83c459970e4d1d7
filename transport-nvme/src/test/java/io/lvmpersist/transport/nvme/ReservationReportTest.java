package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.nvme.ReservationReport.Registrant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lvmpersist.transport.nvme.Bytes.hex;
import static io.lvmpersist.transport.nvme.Bytes.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReservationReportTest {

    @Test
    void extendedWithoutRegistrants() {
        // GEN=5, RTYPE=0, REGCTL=0, PTPLS=0, reserved to byte 63.
        byte[] data = hex("05000000 00 0000 0000 00" + zeros(54));
        ReservationReport r = ReservationReport.decode(data, true);
        assertEquals(new ReservationReport(5, 0, 0, false, List.of(), true), r);
        assertTrue(r.complete());
    }

    @Test
    void extendedEntryHasTheKeyAt8AndA128BitHostIdAt16() {
        byte[] data = hex(
                // header: GEN=42, RTYPE=1 (WE), REGCTL=1, reserved, PTPLS=1, reserved 10..63
                "2a000000 01 0100 0000 01" + zeros(54)
                // entry: CNTLID=0xffff (nvmet), RCSTS=1, reserved 3..7, RKEY=0x1000000000000abc, HOSTID
                + "ffff 01 0000000000 bc0a000000000010 00112233445566778899aabbccddeeff" + zeros(32));
        ReservationReport r = ReservationReport.decode(data, true);
        assertEquals(42, r.generation());
        assertEquals(1, r.rtype());
        assertEquals(1, r.registrantCount());
        assertTrue(r.ptpls());
        assertEquals(List.of(new Registrant(0xFFFF, true, "00112233445566778899aabbccddeeff",
                ReservationKey.of(0x1000000000000abcL))), r.entries());
    }

    @Test
    void regularEntryHasA64BitHostIdAt8AndTheKeyAt16() {
        byte[] data = hex(
                // header: GEN=7, RTYPE=3 (WERO), REGCTL=2, reserved, PTPLS=0, reserved 10..23
                "07000000 03 0200 0000 00" + zeros(14)
                + "0100 00 0000000000 0102030405060708 1100000000000000"
                + "0200 01 0000000000 a1a2a3a4a5a6a7a8 ffffffffffffffff");
        ReservationReport r = ReservationReport.decode(data, false);
        assertEquals(7, r.generation());
        assertEquals(3, r.rtype());
        assertFalse(r.ptpls());
        assertEquals(List.of(
                new Registrant(1, false, "0102030405060708", ReservationKey.of(0x11)),
                new Registrant(2, true, "a1a2a3a4a5a6a7a8", ReservationKey.of(-1L))), r.entries());
        assertTrue(r.complete());
    }

    @Test
    void generationIsUnsigned() {
        byte[] data = hex("feffffff 00 0000 0000 00" + zeros(14));
        assertEquals(0xFFFFFFFEL, ReservationReport.decode(data, false).generation());
    }

    @Test
    void allRegistrantsReservationMarksEveryEntryAsHolder() {
        byte[] data = ReportBytes.extended().rtype(5).entry(1, true, 0xA).entry(2, true, 0xB)
                .entry(3, true, 0xC).build();
        ReservationReport r = ReservationReport.decode(data, true);
        assertEquals(5, r.rtype());
        assertTrue(r.entries().stream().allMatch(Registrant::holder));
    }

    @Test
    void truncatedBufferKeepsWhatFitsAndSaysHowMuchIsNeeded() {
        // REGCTL=3 but the buffer holds the header and one 24-byte entry.
        byte[] data = hex("01000000 00 0300 0000 00" + zeros(14)
                + "0100 00 0000000000 0102030405060708 1100000000000000");
        ReservationReport r = ReservationReport.decode(data, false);
        assertEquals(3, r.registrantCount());
        assertEquals(1, r.entries().size());
        assertFalse(r.complete());
        assertEquals(24 + 3 * 24, r.bytesNeeded());
    }

    @Test
    void partialEntryIsIgnored() {
        byte[] full = ReportBytes.extended().entry(1, false, 1).entry(2, false, 2).build();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);
        ReservationReport r = ReservationReport.decode(cut, true);
        assertEquals(1, r.entries().size());
        assertEquals(64 + 2 * 64, r.bytesNeeded());
    }

    @Test
    void bufferShorterThanTheHeaderIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ReservationReport.decode(new byte[63], true));
        assertThrows(IllegalArgumentException.class, () -> ReservationReport.decode(new byte[23], false));
    }

    @Property
    void manyRegistrantsDecodeInOrder(@ForAll @Size(max = 300) List<Long> keys, @ForAll boolean extended,
                                      @ForAll @IntRange(min = 0, max = 6) int rtype) {
        ReportBytes builder = extended ? ReportBytes.extended() : ReportBytes.regular();
        builder.generation(keys.size()).rtype(rtype);
        for (int i = 0; i < keys.size(); i++) {
            builder.entry(i, i == 0, keys.get(i));
        }
        ReservationReport r = ReservationReport.decode(builder.build(), extended);
        assertEquals(keys, r.entries().stream().map(e -> e.key().value()).toList());
        assertEquals(keys.size(), r.registrantCount());
        assertEquals(rtype, r.rtype());
        assertTrue(r.complete());
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(i, r.entries().get(i).controllerId());
            assertEquals(i == 0, r.entries().get(i).holder());
            assertEquals(extended ? 32 : 16, r.entries().get(i).hostId().length());
        }
    }

    @Property
    void truncationNeverInventsEntries(@ForAll @IntRange(min = 0, max = 40) int registrants,
                                       @ForAll @IntRange(min = 0, max = 40) int fit, @ForAll boolean extended) {
        ReportBytes builder = extended ? ReportBytes.extended() : ReportBytes.regular();
        for (int i = 0; i < registrants; i++) {
            builder.entry(i, false, i + 1);
        }
        byte[] full = builder.build();
        int length = Math.min(full.length, ReservationReport.bytesFor(extended, fit));
        ReservationReport r = ReservationReport.decode(java.util.Arrays.copyOf(full, length), extended);
        assertEquals(Math.min(registrants, fit), r.entries().size());
        assertEquals(fit >= registrants, r.complete());
    }
}
