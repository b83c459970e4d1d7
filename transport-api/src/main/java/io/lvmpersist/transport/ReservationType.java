package io.lvmpersist.transport;

import java.util.Optional;

/**
 * The six persistent-reservation types, with the codes each protocol uses for them.
 * SCSI and NVMe number them differently (SPC-4 vs NVMe base spec); never mix the two.
 */
public enum ReservationType {
    /** Write Exclusive: only the holder writes; everyone reads. */
    WE(1, 1, "Write Exclusive"),
    /** Exclusive Access: only the holder reads or writes. */
    EA(3, 2, "Exclusive Access"),
    /** Write Exclusive, registrants only. */
    WERO(5, 3, "Write Exclusive, registrants only"),
    /** Exclusive Access, registrants only. */
    EARO(6, 4, "Exclusive Access, registrants only"),
    /** Write Exclusive, all registrants: every registrant is a holder. */
    WEAR(7, 5, "Write Exclusive, all registrants"),
    /** Exclusive Access, all registrants: every registrant is a holder. */
    EAAR(8, 6, "Exclusive Access, all registrants");

    private final int scsiCode;
    private final int nvmeCode;
    private final String description;

    ReservationType(int scsiCode, int nvmeCode, String description) {
        this.scsiCode = scsiCode;
        this.nvmeCode = nvmeCode;
        this.description = description;
    }

    /** The TYPE field of PERSISTENT RESERVE OUT / READ RESERVATION (SPC-4). */
    public int scsiCode() {
        return scsiCode;
    }

    /** The RTYPE of NVMe Reservation Acquire/Release/Report. */
    public int nvmeCode() {
        return nvmeCode;
    }

    /** The long name sg_persist prints, e.g. "Write Exclusive, all registrants". */
    public String description() {
        return description;
    }

    /** All-registrants types: every registrant holds the reservation; the holder key is reported as 0. */
    public boolean isAllRegistrants() {
        return this == WEAR || this == EAAR;
    }

    /** Registrants-only types: registrants may access, but a single holder exists. */
    public boolean isRegistrantsOnly() {
        return this == WERO || this == EARO;
    }

    /** Exclusive Access types also forbid reads by those not allowed in. */
    public boolean restrictsReads() {
        return this == EA || this == EARO || this == EAAR;
    }

    public static Optional<ReservationType> fromScsiCode(int code) {
        for (ReservationType t : values()) {
            if (t.scsiCode == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<ReservationType> fromNvmeCode(int code) {
        for (ReservationType t : values()) {
            if (t.nvmeCode == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Parses the lvmpersist abbreviation (WE, EA, WERO, EARO, WEAR, EAAR), exact upper case. */
    public static Optional<ReservationType> fromAbbreviation(String text) {
        for (ReservationType t : values()) {
            if (t.name().equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
