package io.lvmpersist.transport.sim;

import java.util.List;
import java.util.UUID;

/**
 * The decoded data of an NVMe Reservation Report with the extended data structure (EDS).
 *
 * @param generation  GEN
 * @param rtype       RTYPE in NVMe numbering, 0 when no reservation is held
 * @param ptpls       persist-through-power-loss state
 * @param registrants one entry per registered host, in registration order
 */
public record ReservationReport(long generation, int rtype, boolean ptpls, List<Registrant> registrants) {
    public ReservationReport {
        registrants = List.copyOf(registrants);
    }

    /**
     * One registered controller (extended format).
     *
     * @param cntlid  0xFFFF: dynamic controller model, as nvmet reports
     * @param holds   RCSTS bit 0: this host holds the reservation (every registrant under WEAR/EAAR)
     * @param hostId  the 128-bit host identifier
     * @param rkey    the registration key
     */
    public record Registrant(int cntlid, boolean holds, UUID hostId, long rkey) {
    }
}
