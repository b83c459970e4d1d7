package io.lvmpersist.cli.output;

import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link CommandReport}: lvmpersist-style text, or one JSON document on stdout. */
public final class Renderer {
    /** Prefix of lvmpersist's own messages (two spaces, the tool name, a colon). */
    public static final String PREFIX = "  lvmpersist: ";

    private Renderer() {
    }

    /**
     * Text output as lvmpersist prints it: the result lines ("Device ...") on stdout; negative answers,
     * the summary ("started ...") and every error on stderr, each with {@link #PREFIX}.
     */
    public static void text(CommandReport report, PrintWriter out, PrintWriter err) {
        int sections = report.devices().stream().flatMap(d -> d.lines().stream())
                .mapToInt(DeviceReport.Line::section).max().orElse(-1);
        for (int section = 0; section <= sections; section++) {
            for (DeviceReport device : report.devices()) {
                for (DeviceReport.Line line : device.lines()) {
                    if (line.section() != section) {
                        continue;
                    }
                    if (line.negative()) {
                        message(err, line.text());
                    } else {
                        out.println(Printable.escapeControls(line.text()));
                    }
                }
            }
        }
        for (CommandReport.Message message : report.messages()) {
            message(err, message.text());
        }
        out.flush();
        err.flush();
    }

    /** One of our own messages: {@link #PREFIX}, then the text with control characters escaped. */
    public static void message(PrintWriter err, String text) {
        err.println(PREFIX + Printable.escapeControls(text));
    }

    /** The last line of a state-changing command that failed, e.g. "start vg0 failed." (lvmpersist's words). */
    public static String failedLine(CommandReport report) {
        return report.command() + " " + report.group() + " failed.";
    }

    public static void json(CommandReport report, PrintWriter out) {
        out.println(toJson(report));
        out.flush();
    }

    public static String toJson(CommandReport report) {
        Json json = new Json().beginObject()
                .name("command").value(report.command())
                .name("group").value(report.group())
                .name("ok").value(report.exitCode() == 0)
                .name("exitCode").value(report.exitCode())
                .name("devices").beginArray();
        for (DeviceReport device : report.devices()) {
            device(json, device);
        }
        json.endArray().name("messages").beginArray();
        report.messages().stream().filter(m -> !m.error()).forEach(m -> json.value(m.text()));
        json.endArray().name("warnings").beginArray();
        report.messages().stream().filter(CommandReport.Message::warning).forEach(m -> json.value(m.text()));
        json.endArray().name("errors").beginArray();
        report.messages().stream().filter(m -> m.error() && !m.warning()).forEach(m -> json.value(m.text()));
        return json.endArray().endObject().toString();
    }

    private static void device(Json json, DeviceReport device) {
        json.beginObject()
                .name("device").value(device.device())
                .name("class").value(device.deviceClass() == null ? null
                        : device.deviceClass().name().toLowerCase(Locale.ROOT))
                .name("transport").value(device.transport())
                .name("outcome").value(device.outcome().jsonName());
        if (device.state() != null) {
            json.name("state").value(device.state());
        }
        if (device.type() != null) {
            json.name("type").value(device.type());
        }
        if (device.hasKey() != null) {
            json.name("hasKey").value(device.hasKey());
        }
        KeyList keys = device.keys();
        if (keys != null) {
            json.name("generation").value(keys.generation()).name("keys").beginArray();
            keys.distinctSorted().forEach(k -> json.value(k.toString()));
            json.endArray();
        }
        Reservation reservation = device.reservation();
        if (reservation != null) {
            json.name("reservation").beginObject()
                    .name("type").value(reservation.type().map(Enum::name).orElse(null))
                    .name("holder").value(holderText(reservation))
                    .endObject();
            if (keys == null) {
                json.name("generation").value(reservation.generation());
            }
        }
        if (device.failed() || device.error() != null) {
            json.name("error").beginObject()
                    .name("kind").value(kind(device.failure()))
                    .name("message").value(device.error());
            if (device.failure() != null && !device.failure().raw().isEmpty()) {
                json.name("raw").value(device.failure().raw());
            }
            json.endObject();
        }
        json.endObject();
    }

    /** The holder for output: null for no reservation and for all-registrants types (every registrant holds). */
    static String holderText(Reservation reservation) {
        if (reservation.type().isEmpty() || reservation.type().get().isAllRegistrants()) {
            return null;
        }
        ReservationKey holder = reservation.holder();
        return holder.toString();
    }

    static String kind(Failure failure) {
        if (failure == null) {
            return "error";
        }
        return switch (failure) {
            case Failure.ReservationConflict c -> "reservation-conflict";
            case Failure.NotSupported n -> "not-supported";
            case Failure.Retryable r -> "retryable";
            case Failure.DeviceError d -> "device-error";
            case Failure.Timeout t -> "timeout";
        };
    }
}
