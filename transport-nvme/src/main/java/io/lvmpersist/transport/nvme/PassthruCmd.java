package io.lvmpersist.transport.nvme;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code struct nvme_passthru_cmd} from {@code <linux/nvme_ioctl.h>}: 72 bytes, native byte order, the
 * argument of {@code NVME_IOCTL_ADMIN_CMD} and {@code NVME_IOCTL_IO_CMD}. Pointers are {@code __u64}.
 */
final class PassthruCmd {
    /** {@code _IO('N', 0x40)}: returns the namespace id of the opened namespace node. */
    static final long NVME_IOCTL_ID = 0x4E40L;
    /** {@code _IOWR('N', 0x41, struct nvme_passthru_cmd)}. */
    static final long NVME_IOCTL_ADMIN_CMD = 0xC0484E41L;
    /** {@code _IOWR('N', 0x43, struct nvme_passthru_cmd)}. */
    static final long NVME_IOCTL_IO_CMD = 0xC0484E43L;

    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_BYTE.withName("opcode"),
            JAVA_BYTE.withName("flags"),
            JAVA_SHORT.withName("rsvd1"),
            JAVA_INT.withName("nsid"),
            JAVA_INT.withName("cdw2"),
            JAVA_INT.withName("cdw3"),
            JAVA_LONG.withName("metadata"),
            JAVA_LONG.withName("addr"),
            JAVA_INT.withName("metadata_len"),
            JAVA_INT.withName("data_len"),
            JAVA_INT.withName("cdw10"),
            JAVA_INT.withName("cdw11"),
            JAVA_INT.withName("cdw12"),
            JAVA_INT.withName("cdw13"),
            JAVA_INT.withName("cdw14"),
            JAVA_INT.withName("cdw15"),
            JAVA_INT.withName("timeout_ms"),
            JAVA_INT.withName("result"));

    static final long OPCODE = offset("opcode");
    static final long NSID = offset("nsid");
    static final long ADDR = offset("addr");
    static final long DATA_LEN = offset("data_len");
    static final long CDW10 = offset("cdw10");
    static final long CDW11 = offset("cdw11");
    static final long CDW12 = offset("cdw12");
    static final long CDW13 = offset("cdw13");
    static final long CDW14 = offset("cdw14");
    static final long CDW15 = offset("cdw15");
    static final long TIMEOUT_MS = offset("timeout_ms");
    static final long RESULT = offset("result");

    static {
        if (LAYOUT.byteSize() != 72) {
            throw new ExceptionInInitializerError("struct nvme_passthru_cmd must be 72 bytes, layout has "
                    + LAYOUT.byteSize());
        }
    }

    private PassthruCmd() {
    }

    /**
     * Writes {@code command} into {@code cmd} (a zeroed segment of {@link #LAYOUT}'s size).
     *
     * @param data the data buffer ({@link MemorySegment#NULL} when the command has none)
     */
    static void fill(MemorySegment cmd, NvmeCommand command, MemorySegment data, int timeoutMs) {
        cmd.set(JAVA_BYTE, OPCODE, (byte) command.opcode());
        cmd.set(JAVA_INT, NSID, command.nsid());
        cmd.set(JAVA_LONG, ADDR, data.address());
        cmd.set(JAVA_INT, DATA_LEN, command.dataLength());
        cmd.set(JAVA_INT, CDW10, command.cdw10());
        cmd.set(JAVA_INT, CDW11, command.cdw11());
        cmd.set(JAVA_INT, CDW12, command.cdw12());
        cmd.set(JAVA_INT, CDW13, command.cdw13());
        cmd.set(JAVA_INT, CDW14, command.cdw14());
        cmd.set(JAVA_INT, CDW15, command.cdw15());
        cmd.set(JAVA_INT, TIMEOUT_MS, timeoutMs);
    }

    /** CQE dword 0 written back by the driver. */
    static int result(MemorySegment cmd) {
        return cmd.get(JAVA_INT, RESULT);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(groupElement(field));
    }
}
