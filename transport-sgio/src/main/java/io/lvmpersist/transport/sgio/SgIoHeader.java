package io.lvmpersist.transport.sgio;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code struct sg_io_hdr} (the sg v3 interface, {@code <scsi/sg.h>}) for 64-bit Linux, as a
 * {@link StructLayout}. Offsets were checked against the C header with gcc on x86_64; the class
 * refuses to load if the layout does not come out at 88 bytes (e.g. on a 32-bit JVM).
 */
final class SgIoHeader {
    /** {@code SG_IO}: a plain number, not an {@code _IOWR} encoding. */
    static final long SG_IO = 0x2285;
    static final int INTERFACE_ID = 'S';
    static final long SIZE = 88;

    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("interface_id"),
            JAVA_INT.withName("dxfer_direction"),
            JAVA_BYTE.withName("cmd_len"),
            JAVA_BYTE.withName("mx_sb_len"),
            JAVA_SHORT.withName("iovec_count"),
            JAVA_INT.withName("dxfer_len"),
            ADDRESS.withName("dxferp"),
            ADDRESS.withName("cmdp"),
            ADDRESS.withName("sbp"),
            JAVA_INT.withName("timeout"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("pack_id"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("usr_ptr"),
            JAVA_BYTE.withName("status"),
            JAVA_BYTE.withName("masked_status"),
            JAVA_BYTE.withName("msg_status"),
            JAVA_BYTE.withName("sb_len_wr"),
            JAVA_SHORT.withName("host_status"),
            JAVA_SHORT.withName("driver_status"),
            JAVA_INT.withName("resid"),
            JAVA_INT.withName("duration"),
            JAVA_INT.withName("info"),
            MemoryLayout.paddingLayout(4)).withName("sg_io_hdr");

    static final long INTERFACE_ID_OFFSET = offset("interface_id");
    static final long DXFER_DIRECTION = offset("dxfer_direction");
    static final long CMD_LEN = offset("cmd_len");
    static final long MX_SB_LEN = offset("mx_sb_len");
    static final long DXFER_LEN = offset("dxfer_len");
    static final long DXFERP = offset("dxferp");
    static final long CMDP = offset("cmdp");
    static final long SBP = offset("sbp");
    static final long TIMEOUT = offset("timeout");
    static final long STATUS = offset("status");
    static final long SB_LEN_WR = offset("sb_len_wr");
    static final long HOST_STATUS = offset("host_status");
    static final long DRIVER_STATUS = offset("driver_status");
    static final long RESID = offset("resid");
    static final long INFO = offset("info");

    static {
        if (LAYOUT.byteSize() != SIZE) {
            throw new IllegalStateException("sg_io_hdr layout is " + LAYOUT.byteSize() + " bytes, expected " + SIZE
                    + ": only 64-bit Linux is supported");
        }
    }

    private SgIoHeader() {
    }

    static long offset(String field) {
        return LAYOUT.byteOffset(groupElement(field));
    }
}
