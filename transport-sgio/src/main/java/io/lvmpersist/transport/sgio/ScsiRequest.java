package io.lvmpersist.transport.sgio;

import java.time.Duration;

/**
 * One SCSI command to send: the CDB, which way data flows, and the timeout.
 *
 * @param name         what the command is, for log lines and error messages ("PR OUT REGISTER")
 * @param cdb          the command descriptor block
 * @param direction    data direction
 * @param dataOut      bytes sent to the device (empty unless {@link Direction#TO_DEVICE})
 * @param dataInLength bytes the device may return (0 unless {@link Direction#FROM_DEVICE})
 * @param timeout      how long the kernel waits before aborting the command
 */
public record ScsiRequest(String name, byte[] cdb, Direction direction, byte[] dataOut, int dataInLength,
                          Duration timeout) {

    /** sg_io_hdr dxfer_direction values. */
    public enum Direction {
        NONE(-1), TO_DEVICE(-2), FROM_DEVICE(-3);

        private final int sgValue;

        Direction(int sgValue) {
            this.sgValue = sgValue;
        }

        public int sgValue() {
            return sgValue;
        }
    }

    public ScsiRequest {
        cdb = cdb.clone();
        dataOut = dataOut.clone();
        if (cdb.length == 0 || cdb.length > 16) {
            throw new IllegalArgumentException("CDB length must be 1..16: " + cdb.length);
        }
        if (direction != Direction.TO_DEVICE && dataOut.length != 0) {
            throw new IllegalArgumentException("data-out bytes given for a " + direction + " command");
        }
        if (direction != Direction.FROM_DEVICE && dataInLength != 0) {
            throw new IllegalArgumentException("data-in length given for a " + direction + " command");
        }
        if (dataInLength < 0) {
            throw new IllegalArgumentException("negative data-in length");
        }
    }

    public static ScsiRequest dataIn(String name, byte[] cdb, int length, Duration timeout) {
        return new ScsiRequest(name, cdb, Direction.FROM_DEVICE, new byte[0], length, timeout);
    }

    public static ScsiRequest dataOut(String name, byte[] cdb, byte[] data, Duration timeout) {
        return new ScsiRequest(name, cdb, Direction.TO_DEVICE, data, 0, timeout);
    }

    @Override
    public byte[] cdb() {
        return cdb.clone();
    }

    @Override
    public byte[] dataOut() {
        return dataOut.clone();
    }
}
