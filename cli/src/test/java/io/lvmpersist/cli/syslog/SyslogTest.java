package io.lvmpersist.cli.syslog;

import io.lvmpersist.cli.CliRun;
import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.transport.linux.Errno;
import io.lvmpersist.transport.linux.ErrnoException;
import io.lvmpersist.transport.linux.LinuxNative;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What reaches syslog: the test binds its own AF_UNIX datagram socket (through the same libc
 * wrappers the tool uses), points LVMPERSIST_SYSLOG_SOCKET at it and reads the datagrams.
 */
class SyslogTest {
    private static final Pattern HEADER = Pattern.compile(
            "<(\\d+)>[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} lvmpersist\\[" + ProcessHandle.current().pid() + "]: (.*)");

    @TempDir
    Path dir;
    int listener = -1;
    CliRun a;
    CliRun b;

    @BeforeEach
    void setUp() throws Exception {
        Path socket = dir.resolve("log.sock");
        listener = LinuxNative.socket(LinuxNative.AF_UNIX, LinuxNative.SOCK_DGRAM | LinuxNative.SOCK_CLOEXEC, 0);
        LinuxNative.bindUnix(listener, socket.toString());
        Path state = dir.resolve("san.state");
        SimSan.open(state).createVolumeGroup("vg0", 2, Personality.SCSI);
        a = CliRun.simulated(state, "hostA").env("LVMPERSIST_SYSLOG", "on")
                .env("LVMPERSIST_SYSLOG_SOCKET", socket.toString());
        b = a.as("hostB");
    }

    @AfterEach
    void tearDown() {
        if (listener >= 0) {
            LinuxNative.close(listener);
        }
    }

    /** Every datagram waiting, as "PRI text" (the commands ran in this thread, so all have arrived). */
    private List<String> received() throws ErrnoException {
        List<String> records = new ArrayList<>();
        while (true) {
            byte[] datagram;
            try {
                datagram = LinuxNative.recv(listener, 4096, LinuxNative.MSG_DONTWAIT, "test socket");
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    return records;
                }
                throw e;
            }
            String text = new String(datagram, StandardCharsets.UTF_8);
            var m = HEADER.matcher(text);
            assertTrue(m.matches(), "not an RFC 3164 record from this process: " + text);
            records.add(m.group(1) + " " + m.group(2));
        }
    }

    private static void ok(CliRun.Result r) {
        assertEquals(ExitCode.OK, r.code(), r::toString);
    }

    @Test
    void startTakeoverStopAndRemoveLogTheirSummaryAtNotice() throws Exception {
        ok(a.line("start --ourkey 0xa --access sh --vg vg0"));
        assertEquals(List.of("13 started vg0 with key 0xa."), received());
        ok(b.line("start --ourkey 0xb --access sh --vg vg0"));
        ok(b.line("remove --ourkey 0xb --removekey 0xa --vg vg0"));
        assertEquals(List.of("13 started vg0 with key 0xb.", "13 removed key 0xa for vg0."), received());
        ok(b.line("stop --ourkey 0xb --vg vg0"));
        assertEquals(List.of("13 stopped vg0 with key 0xb."), received());
        ok(a.line("start --ourkey 0xa --vg vg0"));
        received();
        CliRun.Result takeover = b.line("start --ourkey 0xb --removekey 0xa --vg vg0");
        ok(takeover);
        List<String> records = received();
        assertEquals(takeover.errLines().stream().map(l -> "13 " + l.replaceFirst("^  lvmpersist: ", "")).toList(),
                records, "the takeover's summary");
        assertEquals(1, records.size(), records::toString);
    }

    @Test
    void aRefusedStartLogsItsErrorsAtErr() throws Exception {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        received();
        CliRun.Result refused = b.line("start --ourkey 0xb --vg vg0");
        assertEquals(ExitCode.CONFLICT, refused.code(), refused::toString);
        List<String> records = received();
        List<String> stderr = refused.errLines().stream().map(l -> "11 " + l.replaceFirst("^  lvmpersist: ", ""))
                .toList();
        assertEquals(stderr, records, "every error line of the failed start, at LOG_ERR");
        assertTrue(records.size() >= 1, refused::toString);
    }

    @Test
    void readsNeverLog() throws Exception {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        received();
        ok(a.line("read --vg vg0"));
        ok(a.line("read-keys --vg vg0"));
        ok(a.line("devtest --vg vg0"));
        ok(a.line("check-key --key 0xa --vg vg0"));
        assertEquals(ExitCode.FAILED, b.line("check-key --key 0xb --vg vg0").code());
        assertEquals(List.of(), received());
    }

    /** clear changes state like stop: the newest lvmpersist logs it too. */
    @Test
    void clearLogsItsSummaryAtNotice() throws Exception {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        received();
        CliRun.Result cleared = b.line("clear --ourkey 0xb --vg vg0");
        ok(cleared);
        assertEquals(List.of("13 cleared vg0 reservation and keys"), received());
    }

    /** Whatever a device path or VG name holds, each message is one record without terminal escapes. */
    @Test
    void controlCharactersInAMessageAreEscapedInTheRecord() throws Exception {
        Syslog.fromEnvironment(java.util.Map.of(Syslog.SOCKET_VARIABLE, dir.resolve("log.sock").toString()))
                .log(List.of(new CommandReport.Message(true, "device /dev/sdb\n  lvmpersist: started vg0\u001b[1A")));
        assertEquals(List.of("11 device /dev/sdb\\n  lvmpersist: started vg0\\x1b[1A"), received());
    }

    @Test
    void offDisablesSyslog() throws Exception {
        ok(a.env("LVMPERSIST_SYSLOG", "off").line("start --ourkey 0xa --vg vg0"));
        assertEquals(List.of(), received());
    }

    @Test
    void aMissingSocketNeverFailsTheCommandNorPrintsAnything() {
        CliRun noSyslog = a.env("LVMPERSIST_SYSLOG_SOCKET", dir.resolve("absent.sock").toString());
        CliRun.Result started = noSyslog.line("start --ourkey 0xa --vg vg0");
        ok(started);
        assertEquals(List.of("  lvmpersist: started vg0 with key 0xa."), started.errLines(), started::toString);
        ok(noSyslog.line("stop --ourkey 0xa --vg vg0"));
    }
}
