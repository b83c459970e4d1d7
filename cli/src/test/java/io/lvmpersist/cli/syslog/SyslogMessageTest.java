package io.lvmpersist.cli.syslog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The datagram bytes, written by hand from RFC 3164 section 4.1 and glibc's syslog(3) format. */
class SyslogMessageTest {
    private static String encode(int severity, ZonedDateTime time, String text) {
        return new String(SyslogMessage.encode(SyslogMessage.FACILITY_USER, severity, time, "lvmpersist", 4242, text),
                StandardCharsets.UTF_8);
    }

    @Test
    void noticeOnASingleDigitDayIsSpacePadded() {
        ZonedDateTime time = ZonedDateTime.of(2026, 11, 6, 9, 5, 3, 0, ZoneOffset.UTC);
        // user (1) * 8 + notice (5) = 13
        assertEquals("<13>Nov  6 09:05:03 lvmpersist[4242]: started vg0 with key 0xa.",
                encode(SyslogMessage.SEVERITY_NOTICE, time, "started vg0 with key 0xa."));
    }

    @Test
    void errorOnATwoDigitDay() {
        ZonedDateTime time = ZonedDateTime.of(2026, 1, 26, 23, 59, 59, 0, ZoneOffset.UTC);
        // user (1) * 8 + err (3) = 11
        assertEquals("<11>Jan 26 23:59:59 lvmpersist[4242]: start vg0: no device was changed.",
                encode(SyslogMessage.SEVERITY_ERR, time, "start vg0: no device was changed."));
    }

    @Test
    void aNewlineNeverSplitsARecordAndControlsAreShownEscaped() {
        ZonedDateTime time = ZonedDateTime.of(2026, 5, 10, 0, 0, 0, 0, ZoneOffset.UTC);
        assertEquals("<13>May 10 00:00:00 lvmpersist[4242]: a\\nb", encode(SyslogMessage.SEVERITY_NOTICE, time, "a\nb"));
        assertEquals("<13>May 10 00:00:00 lvmpersist[4242]: started vg\\x1b[2J\\r\\x9b with key 0xa.",
                encode(SyslogMessage.SEVERITY_NOTICE, time, "started vg\u001b[2J\r\u009b with key 0xa."));
    }
}
