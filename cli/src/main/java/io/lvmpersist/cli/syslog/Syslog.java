package io.lvmpersist.cli.syslog;

import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.transport.linux.ErrnoException;
import io.lvmpersist.transport.linux.LinuxNative;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Sends the summary lines of the state-changing commands (start, takeover, stop, remove, clear) to
 * syslog, as LVM2's lvmpersist does with {@code logger}. Writes datagrams to the syslog socket
 * ({@code /dev/log}, or {@code LVMPERSIST_SYSLOG_SOCKET}); {@code LVMPERSIST_SYSLOG=off} disables it.
 * Syslog is a side channel: when the socket is missing or refuses, the command goes on regardless.
 */
public final class Syslog {
    public static final String SOCKET_VARIABLE = "LVMPERSIST_SYSLOG_SOCKET";
    public static final String SWITCH_VARIABLE = "LVMPERSIST_SYSLOG";
    public static final String DEFAULT_SOCKET = "/dev/log";
    static final String TAG = "lvmpersist";

    private static final Logger LOG = LoggerFactory.getLogger(Syslog.class);

    private final String socketPath; // null: disabled

    private Syslog(String socketPath) {
        this.socketPath = socketPath;
    }

    public static Syslog fromEnvironment(Map<String, String> environment) {
        if ("off".equalsIgnoreCase(environment.getOrDefault(SWITCH_VARIABLE, ""))) {
            return new Syslog(null);
        }
        String path = environment.get(SOCKET_VARIABLE);
        return new Syslog(path == null || path.isBlank() ? DEFAULT_SOCKET : path);
    }

    public boolean enabled() {
        return socketPath != null;
    }

    /** Logs {@code messages} (what the command printed on stderr): errors at LOG_ERR, the rest at LOG_NOTICE. */
    public void log(List<CommandReport.Message> messages) {
        if (socketPath == null || messages.isEmpty()) {
            return;
        }
        if (!java.nio.file.Files.exists(java.nio.file.Path.of(socketPath))) {
            // No syslog daemon listening: skip the native set-up and the formatting (they cost ~80 ms at start-up).
            LOG.debug("not logged to syslog: {} does not exist", socketPath);
            return;
        }
        List<byte[]> datagrams = messages.stream()
                .map(m -> SyslogMessage.encode(SyslogMessage.FACILITY_USER,
                        m.error() ? SyslogMessage.SEVERITY_ERR : SyslogMessage.SEVERITY_NOTICE,
                        ZonedDateTime.now(), TAG, ProcessHandle.current().pid(), m.text()))
                .toList();
        try {
            int fd = LinuxNative.socket(LinuxNative.AF_UNIX, LinuxNative.SOCK_DGRAM | LinuxNative.SOCK_CLOEXEC, 0);
            try {
                LinuxNative.connectUnix(fd, socketPath);
                for (byte[] datagram : datagrams) {
                    // MSG_DONTWAIT: a stuck syslog daemon must never hold up a fencing operation.
                    LinuxNative.send(fd, datagram, LinuxNative.MSG_DONTWAIT | LinuxNative.MSG_NOSIGNAL, socketPath);
                }
            } finally {
                LinuxNative.close(fd);
            }
        } catch (ErrnoException e) {
            LOG.debug("not logged to syslog: {}", e.getMessage());
        }
    }
}
