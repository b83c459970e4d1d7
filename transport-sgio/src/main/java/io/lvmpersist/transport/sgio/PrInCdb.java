package io.lvmpersist.transport.sgio;

/** Encodes the 10-byte PERSISTENT RESERVE IN CDB (operation code 0x5E). */
public final class PrInCdb {
    public static final int OPCODE = 0x5E;
    public static final int LENGTH = 10;
    /** ALLOCATION LENGTH is a 16-bit field. */
    public static final int MAX_ALLOCATION_LENGTH = 0xFFFF;

    private PrInCdb() {
    }

    /**
     * @param allocationLength bytes the device may return, 0..65535
     */
    public static byte[] encode(PrInServiceAction action, int allocationLength) {
        if (allocationLength < 0 || allocationLength > MAX_ALLOCATION_LENGTH) {
            throw new IllegalArgumentException("allocation length out of range: " + allocationLength);
        }
        byte[] cdb = new byte[LENGTH];
        cdb[0] = (byte) OPCODE;
        cdb[1] = (byte) (action.code() & 0x1F);
        Bytes.putBe16(cdb, 7, allocationLength);
        return cdb;
    }
}
