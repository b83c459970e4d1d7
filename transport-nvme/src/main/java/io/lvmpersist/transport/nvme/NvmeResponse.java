package io.lvmpersist.transport.nvme;

/**
 * What came back from one passthrough command.
 *
 * @param status the NVMe status field as the ioctl returns it (SC bits 7:0, SCT 10:8, CRD, MORE 0x2000,
 *               DNR 0x4000); 0 = success. Meaningless when {@code errno != 0}.
 * @param errno  non-zero when the OS failed the call (the command never reached the controller or the
 *               driver gave up); {@code error} then names the device and the errno
 * @param error  the OS error message, empty when {@code errno == 0}
 * @param result CQE dword 0
 * @param data   the data the controller returned (empty for commands without data-in)
 */
public record NvmeResponse(int status, int errno, String error, int result, byte[] data) {

    public NvmeResponse {
        data = data == null ? new byte[0] : data.clone();
        error = error == null ? "" : error;
    }

    /** The controller completed the command with {@code status}. */
    public static NvmeResponse completed(int status, byte[] data) {
        return new NvmeResponse(status, 0, "", 0, data);
    }

    /** The OS failed the ioctl. */
    public static NvmeResponse osError(int errno, String error) {
        if (errno == 0) {
            throw new IllegalArgumentException("an OS error needs a non-zero errno");
        }
        return new NvmeResponse(0, errno, error, 0, null);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean isOsError() {
        return errno != 0;
    }

    /** Status code and type without the DNR/MORE/CRD flags. */
    public int maskedStatus() {
        return status & NvmeStatus.MASK;
    }
}
