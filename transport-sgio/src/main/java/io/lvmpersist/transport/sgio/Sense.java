package io.lvmpersist.transport.sgio;

import java.util.Optional;

/**
 * The part of SCSI sense data that decides what happened: sense key, ASC and ASCQ, from either the
 * fixed (0x70/0x71) or the descriptor (0x72/0x73) format.
 *
 * @param responseCode byte 0 without the VALID bit
 * @param senseKey     SENSE KEY (4 bits)
 * @param asc          ADDITIONAL SENSE CODE (0 when the device did not send it)
 * @param ascq         ADDITIONAL SENSE CODE QUALIFIER (0 when the device did not send it)
 */
public record Sense(int responseCode, int senseKey, int asc, int ascq) {
    public static final int NO_SENSE = 0x0;
    public static final int RECOVERED_ERROR = 0x1;
    public static final int NOT_READY = 0x2;
    public static final int MEDIUM_ERROR = 0x3;
    public static final int HARDWARE_ERROR = 0x4;
    public static final int ILLEGAL_REQUEST = 0x5;
    public static final int UNIT_ATTENTION = 0x6;
    public static final int DATA_PROTECT = 0x7;
    public static final int ABORTED_COMMAND = 0xB;

    private static final String[] KEY_NAMES = {
        "NO SENSE", "RECOVERED ERROR", "NOT READY", "MEDIUM ERROR", "HARDWARE ERROR", "ILLEGAL REQUEST",
        "UNIT ATTENTION", "DATA PROTECT", "BLANK CHECK", "VENDOR SPECIFIC", "COPY ABORTED", "ABORTED COMMAND",
        "OBSOLETE", "VOLUME OVERFLOW", "MISCOMPARE", "COMPLETED"};

    /**
     * Decodes the first {@code written} bytes of {@code buffer} (the kernel's sb_len_wr).
     *
     * @return empty when nothing was written or the response code is not a sense format
     */
    public static Optional<Sense> decode(byte[] buffer, int written) {
        int len = Math.max(0, Math.min(written, buffer.length));
        if (len < 1) {
            return Optional.empty();
        }
        int code = buffer[0] & 0x7F;
        return switch (code) {
            case 0x70, 0x71 -> fixed(buffer, len, code);
            case 0x72, 0x73 -> Optional.of(new Sense(code,
                    len > 1 ? buffer[1] & 0x0F : 0, byteOr0(buffer, len, 2), byteOr0(buffer, len, 3)));
            default -> Optional.empty();
        };
    }

    private static Optional<Sense> fixed(byte[] b, int len, int code) {
        int key = len > 2 ? b[2] & 0x0F : 0;
        // ASC/ASCQ exist only when the ADDITIONAL SENSE LENGTH (byte 7) reaches them.
        int end = len > 7 ? Math.min(len, 8 + Bytes.u8(b, 7)) : len;
        return Optional.of(new Sense(code, key, byteOr0(b, end, 12), byteOr0(b, end, 13)));
    }

    private static int byteOr0(byte[] b, int len, int index) {
        return index < len ? b[index] & 0xFF : 0;
    }

    public boolean descriptorFormat() {
        return responseCode == 0x72 || responseCode == 0x73;
    }

    /** Deferred errors report on an earlier command. */
    public boolean deferred() {
        return responseCode == 0x71 || responseCode == 0x73;
    }

    public boolean is(int key, int asc, int ascq) {
        return senseKey == key && this.asc == asc && this.ascq == ascq;
    }

    public String keyName() {
        return KEY_NAMES[senseKey & 0x0F];
    }

    /** "ILLEGAL REQUEST 0x5 asc/ascq 0x24/0x00". */
    @Override
    public String toString() {
        return String.format("%s 0x%x asc/ascq 0x%02x/0x%02x", keyName(), senseKey, asc, ascq);
    }
}
