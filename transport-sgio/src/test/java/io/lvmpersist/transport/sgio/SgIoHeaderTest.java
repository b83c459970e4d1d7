package io.lvmpersist.transport.sgio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sg_io_hdr layout against the offsets gcc printed for x86_64 (reference A2). */
class SgIoHeaderTest {

    @Test
    void sizeIs88() {
        assertEquals(88, SgIoHeader.LAYOUT.byteSize());
        assertEquals(0x2285, SgIoHeader.SG_IO);
        assertEquals(0x53, SgIoHeader.INTERFACE_ID);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "interface_id, 0", "dxfer_direction, 4", "cmd_len, 8", "mx_sb_len, 9", "iovec_count, 10",
        "dxfer_len, 12", "dxferp, 16", "cmdp, 24", "sbp, 32", "timeout, 40", "flags, 44", "pack_id, 48",
        "usr_ptr, 56", "status, 64", "masked_status, 65", "msg_status, 66", "sb_len_wr, 67",
        "host_status, 68", "driver_status, 70", "resid, 72", "duration, 76", "info, 80",
    })
    void fieldOffset(String field, long offset) {
        assertEquals(offset, SgIoHeader.offset(field));
    }

    @Test
    void directionValues() {
        assertEquals(-1, ScsiRequest.Direction.NONE.sgValue());
        assertEquals(-2, ScsiRequest.Direction.TO_DEVICE.sgValue());
        assertEquals(-3, ScsiRequest.Direction.FROM_DEVICE.sgValue());
    }

    @Test
    void timeoutIsMillisecondsClampedToTheField() {
        assertEquals(60_000, SgIoExecutor.timeoutMillis(java.time.Duration.ofSeconds(60)));
        assertEquals(Integer.MAX_VALUE, SgIoExecutor.timeoutMillis(java.time.Duration.ofDays(100)));
        assertEquals(0, SgIoExecutor.timeoutMillis(java.time.Duration.ZERO));
    }
}
