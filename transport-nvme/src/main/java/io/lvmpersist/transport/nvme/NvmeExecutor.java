package io.lvmpersist.transport.nvme;

/**
 * Sends one NVMe command and returns what came back. The real one is {@link PassthruExecutor}; tests use a
 * scripted fake. Implementations never throw for device or OS errors: those are in the {@link NvmeResponse}.
 */
public interface NvmeExecutor extends AutoCloseable {

    /**
     * @param admin true for the admin queue ({@code NVME_IOCTL_ADMIN_CMD}: Identify), false for the I/O queue
     *              ({@code NVME_IOCTL_IO_CMD}: the reservation commands)
     */
    NvmeResponse execute(NvmeCommand command, boolean admin);

    /** Releases the device; never fails. */
    @Override
    default void close() {
    }
}
