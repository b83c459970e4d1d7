package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.linux.ErrnoException;
import io.lvmpersist.transport.linux.LinuxNative;
import io.lvmpersist.transport.linux.OpenDevice;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Sends SCSI commands with the {@code SG_IO} ioctl on an open device node.
 *
 * <p>Every buffer of a call (header, CDB, sense, data) lives in one confined arena that is freed
 * when the call returns, so nothing native outlives a command.
 */
public final class SgIoExecutor implements ScsiExecutor {
    /** Large enough for any sense the kernel keeps (SCSI_SENSE_BUFFERSIZE is 96). */
    static final int SENSE_LENGTH = 96;

    private final OpenDevice device;

    private SgIoExecutor(OpenDevice device) {
        this.device = device;
    }

    /** Opens {@code node} read-only (enough for SG_IO as root, and it triggers no udev change event). */
    public static SgIoExecutor open(String node) throws ErrnoException {
        return new SgIoExecutor(OpenDevice.openReadOnly(node));
    }

    public String node() {
        return device.path();
    }

    @Override
    public ScsiResponse execute(ScsiRequest request) {
        try (Arena arena = Arena.ofConfined()) {
            byte[] cdbBytes = request.cdb();
            MemorySegment cdb = arena.allocate(cdbBytes.length);
            MemorySegment.copy(cdbBytes, 0, cdb, JAVA_BYTE, 0, cdbBytes.length);
            MemorySegment sense = arena.allocate(SENSE_LENGTH);
            MemorySegment data = dataBuffer(arena, request);

            MemorySegment hdr = arena.allocate(SgIoHeader.LAYOUT); // zero-filled
            hdr.set(JAVA_INT, SgIoHeader.INTERFACE_ID_OFFSET, SgIoHeader.INTERFACE_ID);
            hdr.set(JAVA_INT, SgIoHeader.DXFER_DIRECTION, request.direction().sgValue());
            hdr.set(JAVA_BYTE, SgIoHeader.CMD_LEN, (byte) cdbBytes.length);
            hdr.set(JAVA_BYTE, SgIoHeader.MX_SB_LEN, (byte) SENSE_LENGTH);
            hdr.set(JAVA_INT, SgIoHeader.DXFER_LEN, (int) data.byteSize());
            hdr.set(ADDRESS, SgIoHeader.DXFERP, data);
            hdr.set(ADDRESS, SgIoHeader.CMDP, cdb);
            hdr.set(ADDRESS, SgIoHeader.SBP, sense);
            hdr.set(JAVA_INT, SgIoHeader.TIMEOUT, timeoutMillis(request.timeout()));

            try {
                LinuxNative.ioctl(device.fd(), SgIoHeader.SG_IO, hdr, device.path());
            } catch (ErrnoException e) {
                return ScsiResponse.osError(e.errno(), LinuxNative.strerror(e.errno()));
            }

            int senseWritten = Math.min(hdr.get(JAVA_BYTE, SgIoHeader.SB_LEN_WR) & 0xFF, SENSE_LENGTH);
            byte[] dataIn = request.direction() == ScsiRequest.Direction.FROM_DEVICE
                    ? data.toArray(JAVA_BYTE) : new byte[0];
            return ScsiResponse.completed(
                    hdr.get(JAVA_BYTE, SgIoHeader.STATUS) & 0xFF,
                    hdr.get(JAVA_SHORT, SgIoHeader.HOST_STATUS) & 0xFFFF,
                    hdr.get(JAVA_SHORT, SgIoHeader.DRIVER_STATUS) & 0xFFFF,
                    sense.asSlice(0, senseWritten).toArray(JAVA_BYTE),
                    hdr.get(JAVA_INT, SgIoHeader.RESID),
                    dataIn);
        }
    }

    private static MemorySegment dataBuffer(Arena arena, ScsiRequest request) {
        return switch (request.direction()) {
            case NONE -> MemorySegment.NULL;
            case FROM_DEVICE -> request.dataInLength() == 0 ? MemorySegment.NULL
                    : arena.allocate(request.dataInLength());
            case TO_DEVICE -> {
                byte[] out = request.dataOut();
                if (out.length == 0) {
                    yield MemorySegment.NULL;
                }
                MemorySegment seg = arena.allocate(out.length);
                MemorySegment.copy(out, 0, seg, JAVA_BYTE, 0, out.length);
                yield seg;
            }
        };
    }

    /**
     * The header's timeout is unsigned milliseconds. Block devices raise anything below 7 s to 7 s
     * and treat 0 as their default (60 s); /dev/sg nodes take the value as given.
     */
    static int timeoutMillis(Duration timeout) {
        long ms = timeout.toMillis();
        return (int) Math.max(0, Math.min(ms, Integer.MAX_VALUE));
    }

    @Override
    public void close() {
        device.close();
    }
}
