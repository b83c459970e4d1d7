package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;

import java.util.Optional;

/** Decodes READ RESERVATION parameter data into the API's {@link Reservation}. */
public final class ReadReservationData {
    /** Header plus one 16-byte reservation descriptor. */
    public static final int FULL_LENGTH = 24;

    private ReadReservationData() {
    }

    /**
     * @param valid bytes the device actually returned
     */
    public static Reservation decode(byte[] data, int valid) throws MalformedResponseException {
        int len = Math.min(valid, data.length);
        if (len < 8) {
            throw new MalformedResponseException("READ RESERVATION returned " + len + " bytes, need at least 8");
        }
        long generation = Bytes.be32(data, 0);
        long additional = Bytes.be32(data, 4);
        if (additional == 0) {
            return Reservation.none(generation);
        }
        if (additional < 16 || len < FULL_LENGTH) {
            throw new MalformedResponseException("READ RESERVATION: additional length " + additional
                    + " with " + len + " bytes returned, expected a 16-byte descriptor");
        }
        long key = Bytes.be64(data, 8);
        int scopeType = Bytes.u8(data, 21);
        int scope = scopeType >>> 4;
        int code = scopeType & 0x0F;
        if (scope != PrOutCdb.LU_SCOPE) {
            throw new MalformedResponseException("READ RESERVATION: unsupported scope " + scope);
        }
        ReservationType type = ReservationType.fromScsiCode(code).orElseThrow(
                () -> new MalformedResponseException(
                        "READ RESERVATION: unknown type code 0x" + Integer.toHexString(code)));
        // SPC-4 reports key 0 for all-registrants types; normalise in case a device does not.
        ReservationKey holder = type.isAllRegistrants() ? ReservationKey.NONE : ReservationKey.of(key);
        return new Reservation(generation, Optional.of(type), holder);
    }
}
