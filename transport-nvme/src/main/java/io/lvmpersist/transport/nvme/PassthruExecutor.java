package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.linux.Errno;
import io.lvmpersist.transport.linux.ErrnoException;
import io.lvmpersist.transport.linux.LinuxNative;
import io.lvmpersist.transport.linux.OpenDevice;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The real executor: {@code NVME_IOCTL_IO_CMD} / {@code NVME_IOCTL_ADMIN_CMD} on an open namespace node
 * ({@code /dev/nvmeXnY}, a native-multipath head, or the generic char node {@code /dev/ngXnY}).
 *
 * <p>Each call uses one confined arena for the 72-byte command and the data buffer, freed before returning.
 */
public final class PassthruExecutor implements NvmeExecutor {
    // Page-aligned data buffers let the kernel map them for DMA without a bounce copy.
    private static final long DATA_ALIGNMENT = 4096;

    private final OpenDevice device;
    private final int nsid;
    private final int timeoutMs;

    PassthruExecutor(OpenDevice device, int nsid, Duration timeout) {
        this.device = device;
        this.nsid = nsid;
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
    }

    /**
     * Opens {@code node} read-only and asks the kernel for its namespace id ({@code NVME_IOCTL_ID}).
     *
     * @param timeout per-command timeout (0 = the driver's default)
     * @throws DeviceException naming the node and the errno when it cannot be opened or is not an NVMe namespace
     */
    public static PassthruExecutor open(String node, Duration timeout) throws DeviceException {
        OpenDevice device;
        try {
            device = OpenDevice.openReadOnly(node);
        } catch (ErrnoException e) {
            throw new DeviceException(node, "cannot open " + node + ": " + e.getMessage(),
                    new Failure.DeviceError(e.getMessage(), e.errnoName()));
        }
        try {
            int nsid = LinuxNative.ioctl(device.fd(), PassthruCmd.NVME_IOCTL_ID, node);
            return new PassthruExecutor(device, nsid, timeout);
        } catch (ErrnoException e) {
            device.close();
            String message = node + " is not an NVMe namespace: " + e.getMessage();
            boolean wrongKind = e.errno() == Errno.ENOTTY || e.errno() == Errno.EINVAL;
            Failure failure = wrongKind
                    ? new Failure.NotSupported(Failure.Unsupported.DEVICE, "not an NVMe namespace", e.errnoName())
                    : new Failure.DeviceError(message, e.errnoName());
            throw new DeviceException(node, message, failure);
        }
    }

    /** The namespace id the kernel reported for the node. */
    public int nsid() {
        return nsid;
    }

    @Override
    public NvmeResponse execute(NvmeCommand command, boolean admin) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cmd = arena.allocate(PassthruCmd.LAYOUT);
            MemorySegment data = command.dataLength() == 0
                    ? MemorySegment.NULL
                    : arena.allocate(command.dataLength(), DATA_ALIGNMENT);
            if (!command.readsData() && command.dataLength() > 0) {
                MemorySegment.copy(command.dataOut(), 0, data, JAVA_BYTE, 0, command.dataLength());
            }
            PassthruCmd.fill(cmd, command, data, timeoutMs);
            long request = admin ? PassthruCmd.NVME_IOCTL_ADMIN_CMD : PassthruCmd.NVME_IOCTL_IO_CMD;
            int status = LinuxNative.ioctl(device.fd(), request, cmd, device.path());
            byte[] in = command.readsData() ? data.toArray(JAVA_BYTE) : new byte[0];
            return new NvmeResponse(status, 0, "", PassthruCmd.result(cmd), in);
        } catch (ErrnoException e) {
            return NvmeResponse.osError(e.errno(), e.getMessage());
        }
    }

    @Override
    public void close() {
        device.close();
    }
}
