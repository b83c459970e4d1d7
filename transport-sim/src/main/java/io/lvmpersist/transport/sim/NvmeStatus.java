package io.lvmpersist.transport.sim;

/**
 * An NVMe completion status as the Linux passthrough ioctl returns it (status field shifted right by one):
 * status code in bits 7:0, status code type 0 (generic), DNR (0x4000) set on every error, as nvmet does.
 */
public record NvmeStatus(int value) {
    public static final int DNR = 0x4000;

    public static final NvmeStatus SUCCESS = new NvmeStatus(0x00);
    public static final NvmeStatus INVALID_OPCODE = error(0x01);
    public static final NvmeStatus INVALID_FIELD = error(0x02);
    public static final NvmeStatus INTERNAL_ERROR = error(0x06);
    public static final NvmeStatus HOST_ID_INCONSISTENT_FORMAT = error(0x18);
    public static final NvmeStatus NAMESPACE_NOT_READY = new NvmeStatus(0x82);
    public static final NvmeStatus RESERVATION_CONFLICT = error(0x83);

    private static NvmeStatus error(int code) {
        return new NvmeStatus(DNR | code);
    }

    /** The status code without DNR/MORE/CRD bits. */
    public int code() {
        return value & 0xFF;
    }

    public boolean isSuccess() {
        return value == 0;
    }

    @Override
    public String toString() {
        return String.format("NVMe status 0x%x", value);
    }
}
