package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.lvmpersist.transport.sgio.GoldenBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every PR IN and INQUIRY decoder against parameter data written by hand from the SPC-4 tables. */
class ResponseDecoderTest {

    // ---- READ KEYS: PRGENERATION (4), ADDITIONAL LENGTH (4), keys (8 each)

    @Test
    void readKeysTwoKeys() throws Exception {
        byte[] data = hex("""
                00 00 01 02  00 00 00 10
                10 00 00 00 00 00 00 01
                ff ff ff ff ff ff ff fe""");
        ReadKeysData d = ReadKeysData.decode(data, data.length);
        assertEquals(0x102, d.generation());
        assertEquals(16, d.additionalLength());
        assertEquals(List.of(ReservationKey.of(0x1000000000000001L), ReservationKey.of(0xfffffffffffffffeL)), d.keys());
        assertFalse(d.truncated());
        assertEquals(0x102, d.toKeyList().generation());
    }

    @Test
    void readKeysNoKeysAndUnsignedGeneration() throws Exception {
        byte[] data = hex("ff ff ff ff 00 00 00 00");
        ReadKeysData d = ReadKeysData.decode(data, data.length);
        assertEquals(0xffffffffL, d.generation());
        assertTrue(d.keys().isEmpty());
        assertFalse(d.truncated());
    }

    @Test
    void readKeysTruncatedByAllocationLength() throws Exception {
        // Three keys held (additional length 24), allocation length 16: header + one key returned.
        byte[] data = hex("""
                00 00 00 07  00 00 00 18
                00 00 00 00 00 00 00 0a""");
        ReadKeysData d = ReadKeysData.decode(data, data.length);
        assertTrue(d.truncated());
        assertEquals(32, d.requiredAllocationLength());
        assertEquals(List.of(ReservationKey.of(10)), d.keys());
    }

    @Test
    void readKeysTruncatedToTheHeader() throws Exception {
        // libiscsi PrinReadKeys.Truncate: allocation length 8 still reports the full additional length.
        byte[] data = hex("00 00 00 01  00 00 00 08");
        ReadKeysData d = ReadKeysData.decode(data, 8);
        assertTrue(d.truncated());
        assertEquals(16, d.requiredAllocationLength());
    }

    @Test
    void readKeysHonoursTheValidLength() throws Exception {
        // Buffer of 24, but the residual says only 16 bytes came back.
        byte[] data = hex("""
                00 00 00 01  00 00 00 10
                00 00 00 00 00 00 00 01
                00 00 00 00 00 00 00 00""");
        ReadKeysData d = ReadKeysData.decode(data, 16);
        assertEquals(1, d.keys().size());
        assertTrue(d.truncated());
    }

    @Test
    void readKeysMalformed() {
        assertThrows(MalformedResponseException.class, () -> ReadKeysData.decode(hex("00 00 00 01 00 00 00"), 7));
        assertThrows(MalformedResponseException.class,
                () -> ReadKeysData.decode(hex("00 00 00 01 00 00 00 05 00 00 00 00 00"), 13));
    }

    // ---- READ RESERVATION: header, then key (8), obsolete (4), reserved (1), scope/type (1), obsolete (2)

    @Test
    void readReservationNone() throws Exception {
        byte[] data = hex("00 00 00 05  00 00 00 00");
        assertEquals(Reservation.none(5), ReadReservationData.decode(data, data.length));
    }

    @Test
    void readReservationWriteExclusive() throws Exception {
        byte[] data = hex("""
                00 00 00 09  00 00 00 10
                10 00 00 00 00 00 00 2a
                00 00 00 00  00  01  00 00""");
        assertEquals(new Reservation(9, Optional.of(ReservationType.WE), ReservationKey.of(0x100000000000002aL)),
                ReadReservationData.decode(data, data.length));
    }

    @Test
    void readReservationEaRegistrantsOnly() throws Exception {
        byte[] data = hex("""
                00 00 00 01  00 00 00 10
                00 00 00 00 00 00 00 07
                00 00 00 00  00  06  00 00""");
        assertEquals(new Reservation(1, Optional.of(ReservationType.EARO), ReservationKey.of(7)),
                ReadReservationData.decode(data, data.length));
    }

    @Test
    void readReservationAllRegistrantsHolderIsZero() throws Exception {
        byte[] data = hex("""
                00 00 00 03  00 00 00 10
                00 00 00 00 00 00 00 00
                00 00 00 00  00  07  00 00""");
        assertEquals(new Reservation(3, Optional.of(ReservationType.WEAR), ReservationKey.NONE),
                ReadReservationData.decode(data, data.length));
        // A device that reports a key anyway is normalised to 0.
        byte[] withKey = hex("""
                00 00 00 03  00 00 00 10
                00 00 00 00 00 00 00 99
                00 00 00 00  00  08  00 00""");
        assertEquals(new Reservation(3, Optional.of(ReservationType.EAAR), ReservationKey.NONE),
                ReadReservationData.decode(withKey, withKey.length));
    }

    @Test
    void readReservationMalformed() {
        // obsolete type 2
        byte[] badType = hex("00 00 00 01 00 00 00 10 00 00 00 00 00 00 00 01 00 00 00 00 00 02 00 00");
        assertThrows(MalformedResponseException.class, () -> ReadReservationData.decode(badType, 24));
        // descriptor announced but not returned
        byte[] short16 = hex("00 00 00 01 00 00 00 10 00 00 00 00 00 00 00 01");
        assertThrows(MalformedResponseException.class, () -> ReadReservationData.decode(short16, 16));
        // element scope (1) instead of LU scope
        byte[] scope = hex("00 00 00 01 00 00 00 10 00 00 00 00 00 00 00 01 00 00 00 00 00 11 00 00");
        assertThrows(MalformedResponseException.class, () -> ReadReservationData.decode(scope, 24));
    }

    // ---- REPORT CAPABILITIES: LENGTH (2), flags (2), type mask (2), reserved (2)

    @Test
    void reportCapabilitiesEverything() throws Exception {
        // byte 2: RLR_C|CRH|SIP_C|ATP_C|PTPL_C = 80+10+08+04+01; byte 3: TMV, ALLOW COMMANDS=1, PTPL_A
        byte[] data = hex("00 08  9d 91  ea 01  00 00");
        ReportCapabilitiesData d = ReportCapabilitiesData.decode(data, data.length);
        assertTrue(d.replaceLostReservationCapable());
        assertTrue(d.compatibleReservationHandling());
        assertTrue(d.specifyInitiatorPortsCapable());
        assertTrue(d.allTargetPortsCapable());
        assertTrue(d.ptplCapable());
        assertTrue(d.typeMaskValid());
        assertEquals(1, d.allowCommands());
        assertTrue(d.ptplActivated());
        assertEquals(EnumSet.allOf(ReservationType.class), d.types());
        assertEquals(new Capabilities(EnumSet.allOf(ReservationType.class), true, true), d.toCapabilities());
    }

    @Test
    void reportCapabilitiesTypeMaskBits() throws Exception {
        // WE (byte4 bit1) and WEAR (byte4 bit7) only; no PTPL.
        byte[] data = hex("00 08  00 80  82 00  00 00");
        ReportCapabilitiesData d = ReportCapabilitiesData.decode(data, data.length);
        assertEquals(Set.of(ReservationType.WE, ReservationType.WEAR), d.types());
        assertFalse(d.ptplCapable());
        assertEquals(new Capabilities(Set.of(ReservationType.WE, ReservationType.WEAR), true, false),
                d.toCapabilities());
        // EA (bit3), WERO (bit5), EARO (bit6), EAAR (byte5 bit0)
        byte[] other = hex("00 08  01 80  68 01  00 00");
        assertEquals(Set.of(ReservationType.EA, ReservationType.WERO, ReservationType.EARO, ReservationType.EAAR),
                ReportCapabilitiesData.decode(other, 8).types());
    }

    @Test
    void reportCapabilitiesWithoutTypeMask() throws Exception {
        // TMV=0: the mask bytes are not valid even when set.
        byte[] data = hex("00 08  01 00  ff ff  00 00");
        ReportCapabilitiesData d = ReportCapabilitiesData.decode(data, data.length);
        assertFalse(d.typeMaskValid());
        assertTrue(d.types().isEmpty());
        Capabilities c = d.toCapabilities();
        assertFalse(c.typesReported());
        assertEquals(EnumSet.allOf(ReservationType.class), c.types());
        assertTrue(c.ptplCapable());
    }

    @Test
    void reportCapabilitiesMalformed() {
        assertThrows(MalformedResponseException.class,
                () -> ReportCapabilitiesData.decode(hex("00 08 00 80 82 00"), 6));
        assertThrows(MalformedResponseException.class,
                () -> ReportCapabilitiesData.decode(hex("00 04 00 80 82 00 00 00"), 8));
    }

    // ---- READ FULL STATUS: header, descriptors of 24 bytes + TransportID

    private static final String FULL_STATUS_TWO = """
            00 00 00 04  00 00 00 50
            00 00 00 00 00 00 00 0a   00 00 00 00   03  01  00 00 00 00   00 01   00 00 00 18
            01 00 00 00 00 00 00 00 11 22 33 44 55 66 77 88 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 0b   00 00 00 00   00  00  00 00 00 00   00 02   00 00 00 08
            05 00 00 00 00 00 00 01""";

    @Test
    void readFullStatusTwoDescriptors() throws Exception {
        byte[] data = hex(FULL_STATUS_TWO);
        ReadFullStatusData d = ReadFullStatusData.decode(data, data.length);
        assertEquals(4, d.generation());
        assertEquals(0x50, d.additionalLength());
        assertFalse(d.truncated());
        assertEquals(2, d.descriptors().size());
        ReadFullStatusData.Descriptor first = d.descriptors().get(0);
        assertEquals(ReservationKey.of(10), first.key());
        assertTrue(first.allTargetPorts());
        assertTrue(first.reservationHolder());
        assertEquals(0, first.scope());
        assertEquals(Optional.of(ReservationType.WE), first.type());
        assertEquals(1, first.relativeTargetPortId());
        assertArrayEquals(hex("01 00 00 00 00 00 00 00 11 22 33 44 55 66 77 88 00 00 00 00 00 00 00 00"),
                first.transportId());
        ReadFullStatusData.Descriptor second = d.descriptors().get(1);
        assertEquals(ReservationKey.of(11), second.key());
        assertFalse(second.reservationHolder());
        assertFalse(second.allTargetPorts());
        assertEquals(Optional.empty(), second.type());
        assertEquals(2, second.relativeTargetPortId());
        assertArrayEquals(hex("05 00 00 00 00 00 00 01"), second.transportId());
    }

    @Test
    void readFullStatusTruncated() throws Exception {
        byte[] all = hex(FULL_STATUS_TWO);
        // Cut inside the second descriptor: only the first is complete.
        ReadFullStatusData d = ReadFullStatusData.decode(all, 8 + 48 + 10);
        assertTrue(d.truncated());
        assertEquals(1, d.descriptors().size());
        assertEquals(8 + 0x50, d.requiredAllocationLength());
    }

    @Test
    void readFullStatusEmptyAndMalformed() throws Exception {
        ReadFullStatusData empty = ReadFullStatusData.decode(hex("00 00 00 02 00 00 00 00"), 8);
        assertTrue(empty.descriptors().isEmpty());
        assertFalse(empty.truncated());
        // additional length 4: not room for a descriptor, and not zero
        assertThrows(MalformedResponseException.class,
                () -> ReadFullStatusData.decode(hex("00 00 00 02 00 00 00 04 00 00 00 00"), 12));
    }

    // ---- standard INQUIRY data

    @Test
    void inquiryStandardData() throws Exception {
        byte[] data = hex("""
                00 00 06 02 1f 00 00 02
                4c 49 4f 2d 4f 52 47 20
                6c 76 6d 70 65 72 73 69 73 74 2d 74 65 73 74 20
                34 2e 30 20""");
        Inquiry inquiry = Inquiry.decode(data, data.length);
        assertEquals(new Inquiry(0, 0, 6, "LIO-ORG", "lvmpersist-test", "4.0"), inquiry);
    }

    @Test
    void inquiryDeviceTypeAndQualifier() throws Exception {
        byte[] data = new byte[36];
        data[0] = (byte) 0x7f; // qualifier 3 (no LU), type 1f (unknown)
        Inquiry inquiry = Inquiry.decode(data, 36);
        assertEquals(3, inquiry.qualifier());
        assertEquals(0x1f, inquiry.deviceType());
        assertThrows(MalformedResponseException.class, () -> Inquiry.decode(data, 35));
    }
}
