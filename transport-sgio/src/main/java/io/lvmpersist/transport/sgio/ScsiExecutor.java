package io.lvmpersist.transport.sgio;

/**
 * Sends one SCSI command to one device. The real one is {@link SgIoExecutor}; tests script a fake.
 * Implementations never throw for a failed command: OS errors come back in the response.
 */
public interface ScsiExecutor extends AutoCloseable {

    ScsiResponse execute(ScsiRequest request);

    /** Releases the device; never fails. */
    @Override
    default void close() {
    }
}
