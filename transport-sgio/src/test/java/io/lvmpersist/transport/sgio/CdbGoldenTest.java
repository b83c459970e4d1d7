package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static io.lvmpersist.transport.sgio.GoldenBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Golden bytes for every CDB and the PR OUT parameter list. Expected values are written by hand
 * from the SPC-4 layouts: PR IN byte 1 = service action, bytes 7..8 = allocation length;
 * PR OUT byte 1 = service action, byte 2 = scope(7:4)/type(3:0), bytes 5..8 = parameter list length.
 */
class CdbGoldenTest {

    @ParameterizedTest(name = "PR IN {0}")
    @CsvSource({
        "READ_KEYS,           8192, 5e 00 00 00 00 00 00 20 00 00",
        "READ_RESERVATION,      24, 5e 01 00 00 00 00 00 00 18 00",
        "REPORT_CAPABILITIES,    8, 5e 02 00 00 00 00 00 00 08 00",
        "READ_FULL_STATUS,   65535, 5e 03 00 00 00 00 00 ff ff 00",
        "READ_KEYS,              0, 5e 00 00 00 00 00 00 00 00 00",
    })
    void prInCdb(PrInServiceAction action, int allocation, String expected) {
        assertArrayEquals(hex(expected), PrInCdb.encode(action, allocation));
    }

    @Test
    void prInRejectsAllocationBeyond16Bits() {
        assertThrows(IllegalArgumentException.class, () -> PrInCdb.encode(PrInServiceAction.READ_KEYS, 65536));
        assertThrows(IllegalArgumentException.class, () -> PrInCdb.encode(PrInServiceAction.READ_KEYS, -1));
    }

    @ParameterizedTest(name = "PR OUT {0} type {1}")
    @CsvSource({
        "REGISTER,                         ,   5f 00 00 00 00 00 00 00 18 00",
        "REGISTER_AND_IGNORE_EXISTING_KEY, ,   5f 06 00 00 00 00 00 00 18 00",
        "CLEAR,                            ,   5f 03 00 00 00 00 00 00 18 00",
        "RESERVE,                          WE,   5f 01 01 00 00 00 00 00 18 00",
        "RESERVE,                          EA,   5f 01 03 00 00 00 00 00 18 00",
        "RESERVE,                          WERO, 5f 01 05 00 00 00 00 00 18 00",
        "RESERVE,                          EARO, 5f 01 06 00 00 00 00 00 18 00",
        "RESERVE,                          WEAR, 5f 01 07 00 00 00 00 00 18 00",
        "RESERVE,                          EAAR, 5f 01 08 00 00 00 00 00 18 00",
        "RELEASE,                          WEAR, 5f 02 07 00 00 00 00 00 18 00",
        "PREEMPT,                          WE,   5f 04 01 00 00 00 00 00 18 00",
        "PREEMPT_AND_ABORT,                EAAR, 5f 05 08 00 00 00 00 00 18 00",
    })
    void prOutCdb(PrOutServiceAction action, ReservationType type, String expected) {
        assertArrayEquals(hex(expected), PrOutCdb.encode(action, Optional.ofNullable(type), 24));
    }

    @Test
    void prOutLengthUsesTheWholeSpc4Field() {
        // 0x00012345 bytes: SPC-4 bytes 5..8 hold the 32-bit length big-endian.
        assertArrayEquals(hex("5f 00 00 00 00 00 01 23 45 00"),
                PrOutCdb.encode(PrOutServiceAction.REGISTER, Optional.empty(), 0x12345));
    }

    @Test
    void prOutTypedActionsRequireAType() {
        for (PrOutServiceAction action : new PrOutServiceAction[] {PrOutServiceAction.RESERVE,
            PrOutServiceAction.RELEASE, PrOutServiceAction.PREEMPT, PrOutServiceAction.PREEMPT_AND_ABORT}) {
            assertThrows(IllegalArgumentException.class, () -> PrOutCdb.encode(action, Optional.empty(), 24));
        }
    }

    @Test
    void parameterListRegister() {
        var list = new PrOutParameterList(ReservationKey.of(0x1000000000000001L), ReservationKey.of(0xabcdef),
                false, false);
        assertArrayEquals(hex("""
                10 00 00 00 00 00 00 01
                00 00 00 00 00 ab cd ef
                00 00 00 00
                00 00 00 00"""), list.encode());
    }

    @Test
    void parameterListAptpl() {
        var list = new PrOutParameterList(ReservationKey.NONE, ReservationKey.of(0x1234), true, false);
        assertArrayEquals(hex("""
                00 00 00 00 00 00 00 00
                00 00 00 00 00 00 12 34
                00 00 00 00
                01 00 00 00"""), list.encode());
    }

    @Test
    void parameterListAllTargetPortsAndAptpl() {
        var list = new PrOutParameterList(ReservationKey.of(-1L), ReservationKey.of(0x8000000000000000L), true, true);
        assertArrayEquals(hex("""
                ff ff ff ff ff ff ff ff
                80 00 00 00 00 00 00 00
                00 00 00 00
                05 00 00 00"""), list.encode());
    }

    @Test
    void parameterListAllTargetPortsOnly() {
        var list = new PrOutParameterList(ReservationKey.of(1), ReservationKey.NONE, false, true);
        assertArrayEquals(hex("""
                00 00 00 00 00 00 00 01
                00 00 00 00 00 00 00 00
                00 00 00 00
                04 00 00 00"""), list.encode());
    }

    @Test
    void inquiryCdb() {
        // SPC-4 INQUIRY: 12h, EVPD=0, page 0, allocation length bytes 3..4, control.
        assertArrayEquals(hex("12 00 00 00 60 00"), Inquiry.cdb(96));
        assertArrayEquals(hex("12 00 00 01 00 00"), Inquiry.cdb(256));
    }
}
