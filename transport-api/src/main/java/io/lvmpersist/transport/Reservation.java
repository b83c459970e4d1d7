package io.lvmpersist.transport;

import java.util.Optional;

/**
 * The reservation currently held on a device.
 *
 * @param generation PRgeneration / GEN, unsigned 32-bit
 * @param type       the reservation type, empty when no reservation is held
 * @param holder     the holder's key; {@link ReservationKey#NONE} when there is no reservation and
 *                   for all-registrants types (SPC-4 reports key 0 there; NVMe reports are normalised to it)
 */
public record Reservation(long generation, Optional<ReservationType> type, ReservationKey holder) {

    public static Reservation none(long generation) {
        return new Reservation(generation, Optional.empty(), ReservationKey.NONE);
    }

    public boolean isHeld() {
        return type.isPresent();
    }
}
