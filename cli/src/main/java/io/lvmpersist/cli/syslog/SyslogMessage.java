package io.lvmpersist.cli.syslog;

import io.lvmpersist.cli.output.Printable;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One syslog datagram in the format glibc's {@code syslog(3)} writes to {@code /dev/log}
 * (RFC 3164): {@code <PRI>Mmm dd hh:mm:ss TAG[PID]: TEXT}. PRI is facility * 8 + severity.
 */
public final class SyslogMessage {
    /** Facility LOG_USER, as {@code logger} (which LVM2's lvmpersist uses) sends by default. */
    public static final int FACILITY_USER = 1;
    public static final int SEVERITY_ERR = 3;
    public static final int SEVERITY_NOTICE = 5;

    // RFC 3164: the day of month is padded with a space, not a zero ("Nov  6").
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private SyslogMessage() {
    }

    public static byte[] encode(int facility, int severity, ZonedDateTime time, String tag, long pid, String text) {
        // One line per datagram, no terminal escapes: a newline in a device path or VG name would start a
        // forged second record in some daemons, an escape sequence would reach whoever reads the log.
        String oneLine = Printable.escapeControls(text);
        String datagram = "<" + (facility * 8 + severity) + ">" + TIMESTAMP.format(time) + " " + tag + "[" + pid + "]: "
                + oneLine;
        return datagram.getBytes(StandardCharsets.UTF_8);
    }
}
