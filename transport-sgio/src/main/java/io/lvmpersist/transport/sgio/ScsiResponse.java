package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.linux.Errno;

/**
 * What came back from one SCSI command: either an OS error (the ioctl itself failed) or the
 * completion fields of {@code sg_io_hdr}.
 *
 * @param errno        0 when the ioctl succeeded, else the errno
 * @param errnoText    libc's text for the errno (empty when errno is 0)
 * @param status       SAM status byte
 * @param hostStatus   DID_* code from the HBA driver
 * @param driverStatus DRIVER_* code (low nibble) and SUGGEST_* (high nibble)
 * @param sense        the sense bytes the kernel wrote (already clamped to sb_len_wr)
 * @param resid        dxfer_len minus the bytes actually transferred
 * @param dataIn       the data-in buffer as allocated (see {@link #validLength()})
 */
public record ScsiResponse(int errno, String errnoText, int status, int hostStatus, int driverStatus, byte[] sense,
                           int resid, byte[] dataIn) {

    public ScsiResponse {
        sense = sense.clone();
        dataIn = dataIn.clone();
    }

    /** The ioctl failed with {@code errno}; the command never reached the device. */
    public static ScsiResponse osError(int errno, String text) {
        return new ScsiResponse(errno, text, 0, 0, 0, new byte[0], 0, new byte[0]);
    }

    /** A completed command (any status). */
    public static ScsiResponse completed(int status, int hostStatus, int driverStatus, byte[] sense, int resid,
                                         byte[] dataIn) {
        return new ScsiResponse(0, "", status, hostStatus, driverStatus, sense, resid, dataIn);
    }

    @Override
    public byte[] sense() {
        return sense.clone();
    }

    @Override
    public byte[] dataIn() {
        return dataIn.clone();
    }

    public boolean isOsError() {
        return errno != 0;
    }

    /** Bytes the device returned: the buffer minus the residual, within the buffer. */
    public int validLength() {
        return Math.max(0, Math.min(dataIn.length, dataIn.length - resid));
    }

    /**
     * Compact protocol detail for {@code Failure.raw()},
     * e.g. "status=0x02 sense=0x5/0x24/0x00 host=0x00 driver=0x08".
     */
    public String raw() {
        if (isOsError()) {
            return "errno=" + Errno.name(errno);
        }
        StringBuilder sb = new StringBuilder(String.format("status=0x%02x", status));
        Sense.decode(sense, sense.length).ifPresent(s ->
                sb.append(String.format(" sense=0x%x/0x%02x/0x%02x", s.senseKey(), s.asc(), s.ascq())));
        sb.append(String.format(" host=0x%02x driver=0x%02x", hostStatus, driverStatus));
        return sb.toString();
    }
}
