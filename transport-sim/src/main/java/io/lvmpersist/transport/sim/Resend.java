package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.Backoff;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The simulated devices' transport-level resend, modelled on the real transports (the CLI never resends):
 * a command the LU did not execute is sent again, at most {@link Backoff#MAX_RETRIES} more times. Every
 * {@link Failure.Retryable} the simulator produces is one the real transports resend: UNIT ATTENTION and
 * NOT READY 04/07 on SCSI (SgIoPrDevice), Namespace Not Ready without DNR on NVMe (CommandRunner). There is
 * no pause: the simulator's faults count commands, not time.
 */
final class Resend {
    private static final Logger LOG = LoggerFactory.getLogger(Resend.class);

    private Resend() {
    }

    /**
     * @param path    the device path, for the log
     * @param command the command's name, for the log
     */
    static <T> PrResult<T> whileNotExecuted(String path, String command, Supplier<PrResult<T>> send) {
        PrResult<T> result = send.get();
        for (int retry = 1; retry <= Backoff.MAX_RETRIES && result.failureOrNull() instanceof Failure.Retryable r;
             retry++) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{}: {} -> {} [{}], not executed, sending it again (retry {} of {})", path, command,
                        r.message(), r.raw(), retry, Backoff.MAX_RETRIES);
            }
            result = send.get();
        }
        return result;
    }
}
