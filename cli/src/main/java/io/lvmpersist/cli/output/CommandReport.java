package io.lvmpersist.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole result of one command: per-device reports in device order plus the summary messages.
 * Rendered once at the end as text or as one JSON document.
 */
public final class CommandReport {

    /**
     * A summary message. In text mode every message goes to stderr (stdout carries only results);
     * in JSON mode it is in the document, sorted by kind.
     */
    public record Message(boolean error, String text, boolean warning) {
        public Message(boolean error, String text) {
            this(error, text, false);
        }
    }

    private final String command;
    private final String group;
    private final List<DeviceReport> devices = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private int exitCode;

    public CommandReport(String command, String group) {
        this.command = command;
        this.group = group;
    }

    public CommandReport devices(List<DeviceReport> reports) {
        devices.addAll(reports);
        return this;
    }

    public CommandReport info(String text) {
        messages.add(new Message(false, text));
        return this;
    }

    public CommandReport error(String text) {
        messages.add(new Message(true, text));
        return this;
    }

    /** A warning for the user (stderr, JSON "warnings"); the same text is kept once. */
    public CommandReport warning(String text) {
        if (messages.stream().noneMatch(m -> m.text().equals(text))) {
            messages.add(new Message(true, text, true));
        }
        return this;
    }

    /** Puts a warning before every other message (e.g. PVs of the VG that are missing). */
    public CommandReport warnFirst(String text) {
        messages.addFirst(new Message(true, text, true));
        return this;
    }

    public CommandReport exitCode(int code) {
        this.exitCode = code;
        return this;
    }

    public String command() {
        return command;
    }

    public String group() {
        return group;
    }

    public List<DeviceReport> devices() {
        return List.copyOf(devices);
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public int exitCode() {
        return exitCode;
    }
}
