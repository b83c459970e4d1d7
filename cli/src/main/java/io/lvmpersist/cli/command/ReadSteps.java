package io.lvmpersist.cli.command;

import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;

import java.util.stream.Collectors;

/** The read steps shared by read-keys, read-reservation and read, with lvmpersist's line formats. */
final class ReadSteps {
    private ReadSteps() {
    }

    /** "Device DEV: registered keys: 0x1 0x2" (distinct, in lvmpersist's string order) or "... none". */
    static void readKeys(PrDevice device, DeviceReport report, int section) {
        switch (device.readKeys()) {
            case PrResult.Ok<KeyList> ok -> {
                report.keys(ok.value());
                report.line(section, "Device " + report.device() + ": registered keys: "
                        + keysText(ok.value(), report.deviceClass()));
            }
            case PrResult.Failed<KeyList> failed -> unreadable(report, section, "read keys", failed.failure());
        }
    }

    /** "Device DEV: reservation: WE holder 0x1", "...: WEAR" or "...: none". */
    static void readReservation(PrDevice device, DeviceReport report, int section) {
        switch (device.readReservation()) {
            case PrResult.Ok<Reservation> ok -> {
                report.reservation(ok.value());
                report.line(section, "Device " + report.device() + ": reservation: " + reservationText(ok.value()));
            }
            // A failed read prints no result line (2.03.42's "error holder 0"): the error is on stderr.
            case PrResult.Failed<Reservation> failed -> unreadable(report, section, "read reservation", failed.failure());
        }
    }

    /**
     * The distinct keys in lvmpersist's order, or "none". lvmpersist sorts SCSI and multipath keys as the
     * strings sg_persist prints (sort -u) and NVMe keys as numbers (sort -n on the decimal rkey): keep both.
     */
    static String keysText(KeyList keys, DeviceClass deviceClass) {
        if (keys.keys().isEmpty()) {
            return "none";
        }
        if (deviceClass == DeviceClass.NVME) {
            return keys.distinctSorted().stream().map(ReservationKey::toString).collect(Collectors.joining(" "));
        }
        return keys.keys().stream().map(ReservationKey::toString).distinct().sorted()
                .collect(Collectors.joining(" "));
    }

    static String reservationText(Reservation reservation) {
        if (reservation.type().isEmpty()) {
            return "none";
        }
        if (reservation.type().get().isAllRegistrants()) {
            return reservation.type().get().name();
        }
        return reservation.type().get().name() + " holder " + reservation.holder();
    }

    static boolean unsupported(Failure failure) {
        return failure instanceof Failure.NotSupported n && n.what() == Failure.Unsupported.DEVICE;
    }

    private static void unreadable(DeviceReport report, int section, String what, Failure failure) {
        if (unsupported(failure)) {
            if (report.outcome() != DeviceReport.Outcome.UNSUPPORTED) {
                report.outcome(DeviceReport.Outcome.UNSUPPORTED);
                report.line(section, "Device " + report.device() + ": does not support PR");
            }
            return;
        }
        report.fail(what + " failed on " + report.device() + ": " + failure.message(), failure);
    }
}
