package io.lvmpersist.cli.command;

import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;

/**
 * After a failed or partial run: reads a device's keys and reservation and puts in the report what is true
 * now, in words and as data (the JSON keys, generation and reservation), instead of what the run meant to do.
 */
final class ReadBack {
    private ReadBack() {
    }

    /** What one read-back returned: the keys and the reservation, each read or failed. */
    record Reads(PrResult<KeyList> keys, PrResult<Reservation> reservation) {
    }

    /** Reads keys and reservation and records in {@code report} whatever could be read: the final state. */
    static Reads read(PrDevice device, DeviceReport report) {
        PrResult<KeyList> keys = device.readKeys();
        PrResult<Reservation> reservation = device.readReservation();
        if (keys instanceof PrResult.Ok<KeyList> k) {
            report.keys(k.value());
        }
        if (reservation instanceof PrResult.Ok<Reservation> r) {
            report.reservation(r.value());
        }
        return new Reads(keys, reservation);
    }

    /**
     * Reads the device back into {@code report} and returns the state in words, e.g.
     * "0xb registered, 0xa not registered, reservation WE held by 0xb".
     *
     * @param keysOfInterest the keys to name (ours first; the other host's for a takeover or remove)
     */
    static String into(PrDevice device, DeviceReport report, ReservationKey... keysOfInterest) {
        Reads read = read(device, report);
        PrResult<KeyList> keys = read.keys();
        PrResult<Reservation> reservation = read.reservation();
        if (keys instanceof PrResult.Failed<KeyList> failed) {
            return "unknown: cannot read the keys back (" + failed.failure().message() + ")";
        }
        if (reservation instanceof PrResult.Failed<Reservation> failed) {
            return "unknown: cannot read the reservation back (" + failed.failure().message() + ")";
        }
        return describe(((PrResult.Ok<KeyList>) keys).value(), ((PrResult.Ok<Reservation>) reservation).value(),
                keysOfInterest);
    }

    static String describe(KeyList keys, Reservation reservation, ReservationKey... keysOfInterest) {
        StringBuilder text = new StringBuilder();
        for (ReservationKey key : keysOfInterest) {
            text.append(key).append(keys.contains(key) ? " registered, " : " not registered, ");
        }
        if (!reservation.isHeld()) {
            return text.append("no reservation").toString();
        }
        text.append("reservation ").append(reservation.type().get());
        return reservation.type().get().isAllRegistrants()
                ? text.append(" (held by every registrant)").toString()
                : text.append(" held by ").append(reservation.holder()).toString();
    }
}
