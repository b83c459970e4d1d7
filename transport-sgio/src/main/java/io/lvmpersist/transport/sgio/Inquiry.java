package io.lvmpersist.transport.sgio;

import java.nio.charset.StandardCharsets;

/**
 * Standard INQUIRY (operation code 0x12, EVPD=0): the CDB and the fields of the answer we use
 * (device type for sanity checks, vendor/product for messages).
 *
 * @param qualifier  peripheral qualifier (0 = an LU is connected)
 * @param deviceType peripheral device type (0 = direct-access block device)
 * @param version    VERSION (6 = SPC-4)
 * @param vendor     T10 vendor identification, trimmed
 * @param product    product identification, trimmed
 * @param revision   product revision level, trimmed
 */
public record Inquiry(int qualifier, int deviceType, int version, String vendor, String product, String revision) {
    public static final int OPCODE = 0x12;
    public static final int CDB_LENGTH = 6;
    /** Enough for every field we decode (the standard data is at least 36 bytes). */
    public static final int ALLOCATION_LENGTH = 96;
    public static final int MIN_LENGTH = 36;

    public static byte[] cdb(int allocationLength) {
        if (allocationLength < 0 || allocationLength > 0xFFFF) {
            throw new IllegalArgumentException("allocation length out of range: " + allocationLength);
        }
        byte[] cdb = new byte[CDB_LENGTH];
        cdb[0] = (byte) OPCODE;
        Bytes.putBe16(cdb, 3, allocationLength);
        return cdb;
    }

    /**
     * @param valid bytes actually returned
     * @throws MalformedResponseException when fewer than 36 bytes came back
     */
    public static Inquiry decode(byte[] data, int valid) throws MalformedResponseException {
        int len = Math.min(valid, data.length);
        if (len < MIN_LENGTH) {
            throw new MalformedResponseException("INQUIRY returned " + len + " bytes, need " + MIN_LENGTH);
        }
        return new Inquiry(Bytes.u8(data, 0) >>> 5, data[0] & 0x1F, Bytes.u8(data, 2),
                ascii(data, 8, 8), ascii(data, 16, 16), ascii(data, 32, 4));
    }

    private static String ascii(byte[] data, int off, int len) {
        return new String(data, off, len, StandardCharsets.US_ASCII).trim();
    }
}
