package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.linux.Errno;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The DEBUG line every command produces (what the CLI's --debug shows). */
class CommandRunnerTest {

    @Test
    void logLineShowsQueueDwordsDataAndDecodedStatus() {
        NvmeCommand acquire = NvmeCommands.acquire(1, NvmeCommands.AcquireAction.ACQUIRE, ReservationType.WE,
                ReservationKey.of(0x1000000000000001L), ReservationKey.NONE);
        assertEquals("/dev/nvme0n1: io Reservation Acquire opcode=0x11 nsid=1 cdw10=0x100 cdw11=0x0"
                        + " data-out=01000000000000100000000000000000 -> NVMe status 0x4083 (Reservation Conflict, DNR)",
                CommandRunner.line("/dev/nvme0n1", acquire, false, NvmeResponse.completed(0x4083, null)));
    }

    @Test
    void logLineForAnOsError() {
        assertEquals("/dev/nvme0n1: admin Identify Controller opcode=0x06 nsid=0 cdw10=0x1 cdw11=0x0"
                        + " data-in=4096 bytes -> OS error: ioctl 0xc0484e41 on /dev/nvme0n1: Permission denied (EACCES)",
                CommandRunner.line("/dev/nvme0n1", NvmeCommands.identifyController(), true,
                        NvmeResponse.osError(Errno.EACCES,
                                "ioctl 0xc0484e41 on /dev/nvme0n1: Permission denied (EACCES)")));
    }
}
