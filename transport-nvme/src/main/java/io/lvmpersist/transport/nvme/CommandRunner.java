package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.Backoff;
import io.lvmpersist.transport.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sends a command through the executor, decodes the status and logs both at DEBUG (what {@code --debug}
 * shows): the command with its dwords and data-out, then the decoded status. Data-in is logged at TRACE.
 *
 * <p>The one place an NVMe command is sent again (the CLI never resends, and the kernel does not retry
 * passthrough commands): while the status is transient and Do Not Retry is clear ({@link Failure.Retryable},
 * see {@link NvmeStatus}), up to {@link Backoff#MAX_RETRIES} more times with a short pause. A status with DNR set
 * is returned at once.
 */
final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    /** At most 6 sends of one command, as the SG_IO transport does. */

    private final String path;
    private final NvmeExecutor executor;
    private final Duration timeout;
    private final Backoff backoff;

    CommandRunner(String path, NvmeExecutor executor, Duration timeout, Backoff backoff) {
        this.path = path;
        this.executor = executor;
        this.timeout = timeout;
        this.backoff = backoff;
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

    /** Sends {@code command}, again while the controller answers with a transient status without DNR. */
    Outcome run(NvmeCommand command, boolean admin) {
        for (int retry = 0; ; retry++) {
            Outcome outcome = send(command, admin);
            if (!(outcome.failure().orElse(null) instanceof Failure.Retryable) || retry >= Backoff.MAX_RETRIES) {
                return outcome;
            }
            try {
                backoff.pause(retry + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome;
            }
            LOG.debug("{}: {} not executed, sending it again (retry {} of {})", path, command.name(), retry + 1,
                    Backoff.MAX_RETRIES);
        }
    }

    private Outcome send(NvmeCommand command, boolean admin) {
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
