package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.ReservationKey;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Offsets of struct nvme_passthru_cmd as gcc lays it out on x86_64 (see the wire-facts table). */
class PassthruCmdTest {

    private static long offset(String field) {
        return PassthruCmd.LAYOUT.byteOffset(groupElement(field));
    }

    @Test
    void layoutIs72BytesWithTheKernelOffsets() {
        assertEquals(72, PassthruCmd.LAYOUT.byteSize());
        assertEquals(0, offset("opcode"));
        assertEquals(1, offset("flags"));
        assertEquals(2, offset("rsvd1"));
        assertEquals(4, offset("nsid"));
        assertEquals(8, offset("cdw2"));
        assertEquals(12, offset("cdw3"));
        assertEquals(16, offset("metadata"));
        assertEquals(24, offset("addr"));
        assertEquals(32, offset("metadata_len"));
        assertEquals(36, offset("data_len"));
        assertEquals(40, offset("cdw10"));
        assertEquals(44, offset("cdw11"));
        assertEquals(48, offset("cdw12"));
        assertEquals(52, offset("cdw13"));
        assertEquals(56, offset("cdw14"));
        assertEquals(60, offset("cdw15"));
        assertEquals(64, offset("timeout_ms"));
        assertEquals(68, offset("result"));
    }

    @Test
    void ioctlNumbersAreTheIowrEncodingOfThe72ByteStruct() {
        // _IOWR('N', nr, 72) = dir(3) << 30 | size(72) << 16 | 'N'(0x4E) << 8 | nr
        assertEquals((3L << 30) | (72L << 16) | (0x4EL << 8) | 0x41, PassthruCmd.NVME_IOCTL_ADMIN_CMD);
        assertEquals((3L << 30) | (72L << 16) | (0x4EL << 8) | 0x43, PassthruCmd.NVME_IOCTL_IO_CMD);
        assertEquals(0xC0484E43L, PassthruCmd.NVME_IOCTL_IO_CMD);
        assertEquals(0x4E40L, PassthruCmd.NVME_IOCTL_ID);
    }

    @Test
    void fillWritesEveryFieldAtItsOffset() {
        NvmeCommand c = NvmeCommands.register(5, NvmeCommands.RegisterAction.REPLACE, true, NvmeCommands.Cptpl.SET,
                ReservationKey.NONE, ReservationKey.of(1));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cmd = arena.allocate(PassthruCmd.LAYOUT);
            MemorySegment data = arena.allocate(16, 4096);
            PassthruCmd.fill(cmd, c, data, 30_000);
            assertEquals((byte) 0x0D, cmd.get(JAVA_BYTE, 0));
            assertEquals(5, cmd.get(JAVA_INT, 4));
            assertEquals(data.address(), cmd.get(JAVA_LONG, 24));
            assertEquals(16, cmd.get(JAVA_INT, 36));
            assertEquals(0xC000000A, cmd.get(JAVA_INT, 40));
            assertEquals(0, cmd.get(JAVA_INT, 44));
            assertEquals(30_000, cmd.get(JAVA_INT, 64));
            assertEquals(0L, cmd.get(JAVA_LONG, 16), "no metadata buffer");
        }
    }
}
