package io.lvmpersist.cli.output;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.Reservation;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened on one device: its outcome, the state it was left in (in words, for partial
 * failures), what was read back, and the result lines for text output. Filled by one thread.
 */
public final class DeviceReport {

    /** Outcome of the command on this device. */
    public enum Outcome {
        OK, FAILED, UNSUPPORTED, SKIPPED;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String device;
    private DeviceClass deviceClass;
    private String transport;
    private Outcome outcome = Outcome.OK;
    private Failure failure;
    private String error;
    private String state;
    private KeyList keys;
    private Reservation reservation;
    private Boolean hasKey;
    private String type;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    /**
     * A text result line; {@code section} orders output across devices (read: all keys, then all reservations).
     * A {@code negative} line ("does not have key ...") is an answer the caller must act on: it goes to stderr.
     */
    public record Line(int section, String text, boolean negative) {
    }

    public DeviceReport(String device) {
        this.device = device;
    }

    public DeviceReport classified(DeviceClass deviceClass, String transport) {
        this.deviceClass = deviceClass;
        this.transport = transport;
        return this;
    }

    /** Marks the device failed; the first failure is kept as the cause. */
    public DeviceReport fail(String message, Failure cause) {
        if (outcome != Outcome.FAILED) {
            outcome = Outcome.FAILED;
            this.error = message;
            this.failure = cause;
        }
        return this;
    }

    public DeviceReport outcome(Outcome newOutcome) {
        this.outcome = newOutcome;
        return this;
    }

    public DeviceReport state(String description) {
        this.state = description;
        return this;
    }

    public DeviceReport keys(KeyList readBack) {
        this.keys = readBack;
        return this;
    }

    public DeviceReport reservation(Reservation readBack) {
        this.reservation = readBack;
        return this;
    }

    public DeviceReport hasKey(boolean present) {
        this.hasKey = present;
        return this;
    }

    public DeviceReport type(String reservationType) {
        this.type = reservationType;
        return this;
    }

    /** A result line for text output, e.g. "Device /dev/sdb: registered keys: 0x1". */
    public DeviceReport line(String text) {
        return line(0, text);
    }

    public DeviceReport line(int section, String text) {
        lines.add(new Line(section, text, false));
        return this;
    }

    /** A negative answer, e.g. "Device /dev/sdb: does not support type WE": printed on stderr, as lvmpersist does. */
    public DeviceReport negativeLine(String text) {
        lines.add(new Line(0, text, true));
        return this;
    }

    /** Something the user should know about this device (a failed path...), printed once. */
    public DeviceReport notice(String text) {
        if (!notices.contains(text)) {
            notices.add(text);
        }
        return this;
    }

    public List<String> notices() {
        return List.copyOf(notices);
    }

    public String device() {
        return device;
    }

    public DeviceClass deviceClass() {
        return deviceClass;
    }

    public String transport() {
        return transport;
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    public Failure failure() {
        return failure;
    }

    public String error() {
        return error;
    }

    public String state() {
        return state;
    }

    public KeyList keys() {
        return keys;
    }

    public Reservation reservation() {
        return reservation;
    }

    public Boolean hasKey() {
        return hasKey;
    }

    public String type() {
        return type;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }
}
