package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.ReservationType;

import java.util.Optional;

/** Encodes the 10-byte PERSISTENT RESERVE OUT CDB (operation code 0x5F). */
public final class PrOutCdb {
    public static final int OPCODE = 0x5F;
    public static final int LENGTH = 10;
    /** The only scope in use since SPC-3: the whole logical unit. */
    public static final int LU_SCOPE = 0;

    private PrOutCdb() {
    }

    /**
     * @param type                the reservation type; empty sends TYPE 0 (for REGISTER*, CLEAR, which ignore it)
     * @param parameterListLength bytes of the parameter list that follows (24 for the basic list)
     */
    public static byte[] encode(PrOutServiceAction action, Optional<ReservationType> type, int parameterListLength) {
        if (action.usesType() && type.isEmpty()) {
            throw new IllegalArgumentException(action.label() + " needs a reservation type");
        }
        if (parameterListLength < 0) {
            throw new IllegalArgumentException("negative parameter list length");
        }
        byte[] cdb = new byte[LENGTH];
        cdb[0] = (byte) OPCODE;
        cdb[1] = (byte) (action.code() & 0x1F);
        cdb[2] = (byte) ((LU_SCOPE << 4) | (type.map(ReservationType::scsiCode).orElse(0) & 0x0F));
        // SPC-4 makes bytes 5..8 one 32-bit length; for lengths below 64 KiB this is the same bytes
        // as the SPC-3 16-bit field at 7..8 that sg3_utils writes.
        Bytes.putBe32(cdb, 5, parameterListLength);
        return cdb;
    }
}
