package io.lvmpersist.transport;

import java.util.List;

/**
 * Registered keys as the device reports them (READ KEYS / Reservation Report), in device order,
 * duplicates kept (a key registered through several I_T nexuses appears once per nexus on SCSI).
 *
 * @param generation PRgeneration (SCSI) or GEN (NVMe), unsigned 32-bit
 */
public record KeyList(long generation, List<ReservationKey> keys) {
    public KeyList {
        keys = List.copyOf(keys);
    }

    public boolean contains(ReservationKey key) {
        return keys.contains(key);
    }

    /** Distinct keys, sorted as unsigned numbers: the stable order we print. */
    public List<ReservationKey> distinctSorted() {
        return keys.stream().distinct().sorted().toList();
    }
}
