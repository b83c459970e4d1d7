package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sends a command through the executor, decodes the status and logs both at DEBUG (what {@code --debug}
 * shows): the command with its dwords and data-out, then the decoded status. Data-in is logged at TRACE.
 */
final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    private final String path;
    private final NvmeExecutor executor;
    private final Duration timeout;

    CommandRunner(String path, NvmeExecutor executor, Duration timeout) {
        this.path = path;
        this.executor = executor;
        this.timeout = timeout;
    }

    /** The response and, when the command failed, why. */
    record Outcome(NvmeResponse response, Optional<Failure> failure) {
        boolean ok() {
            return failure.isEmpty();
        }

        /** True when the controller (not the OS) completed the command with this SCT+SC. */
        boolean hasStatus(int maskedStatus) {
            return !response.isOsError() && response.maskedStatus() == maskedStatus;
        }
    }

    Outcome run(NvmeCommand command, boolean admin) {
        NvmeResponse response = executor.execute(command, admin);
        Optional<Failure> failure = NvmeStatus.failure(command, response, timeout);
        if (LOG.isDebugEnabled()) {
            LOG.debug(line(path, command, admin, response));
        }
        if (LOG.isTraceEnabled() && response.data().length > 0) {
            LOG.trace("{}: data-in {}", path, HexFormat.of().formatHex(response.data()));
        }
        return new Outcome(response, failure);
    }

    /** One log line: {@code /dev/nvme0n1: io Reservation Register opcode=0x0d ... -> NVMe status 0x0 (...)}. */
    static String line(String path, NvmeCommand command, boolean admin, NvmeResponse response) {
        String outcome = response.isOsError()
                ? "OS error: " + response.error()
                : NvmeStatus.describe(response.status());
        return path + ": " + (admin ? "admin " : "io ") + command + " -> " + outcome;
    }
}
