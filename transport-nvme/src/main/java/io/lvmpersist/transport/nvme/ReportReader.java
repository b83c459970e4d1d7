package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a complete Reservation Report.
 *
 * <p>Format: the extended data structure (EDS) first, because hosts with 128-bit host identifiers (all
 * of NVMe-oF, nvmet) get Host Identifier Inconsistent Format for the regular one; when a controller
 * rejects EDS as an invalid field, the regular format. The format that worked is remembered.
 * Size: a 4 KiB buffer first; when REGCTL announces more registrants than fit, the report is read again
 * with a buffer that holds them all.
 */
final class ReportReader {
    private static final Logger LOG = LoggerFactory.getLogger(ReportReader.class);
    static final int INITIAL_BYTES = 4096;
    // Two format tries plus growth re-reads while registrants keep being added.
    private static final int MAX_READS = 6;

    private final CommandRunner runner;
    private final int nsid;
    private boolean extended = true;

    ReportReader(CommandRunner runner, int nsid) {
        this.runner = runner;
        this.nsid = nsid;
    }

    PrResult<ReservationReport> read() {
        int bytes = INITIAL_BYTES;
        boolean switchedFormat = false;
        for (int read = 0; read < MAX_READS; read++) {
            CommandRunner.Outcome outcome = runner.run(NvmeCommands.report(nsid, bytes, extended), false);
            if (!outcome.ok()) {
                if (!switchedFormat && formatRejected(outcome)) {
                    extended = !extended;
                    switchedFormat = true;
                    LOG.debug("reservation report: switching to the {} format", extended ? "extended" : "regular");
                    continue;
                }
                return PrResult.failed(outcome.failure().orElseThrow());
            }
            ReservationReport report;
            try {
                report = ReservationReport.decode(outcome.response().data(), extended);
            } catch (IllegalArgumentException e) {
                return PrResult.failed(new Failure.DeviceError("malformed reservation report: " + e.getMessage(), ""));
            }
            if (report.complete()) {
                return PrResult.ok(report);
            }
            int needed = report.bytesNeeded();
            LOG.debug("reservation report: {} registrants do not fit in {} bytes, reading {} bytes",
                    report.registrantCount(), bytes, needed);
            bytes = needed;
        }
        return PrResult.failed(new Failure.DeviceError(
                "reservation report still incomplete after " + MAX_READS + " reads (registrants keep changing)", ""));
    }

    // EDS not implemented (invalid field), or the regular format refused for 128-bit host ids.
    private boolean formatRejected(CommandRunner.Outcome outcome) {
        return extended
                ? outcome.hasStatus(NvmeStatus.INVALID_FIELD)
                : outcome.hasStatus(NvmeStatus.HOST_ID_INCONSISTENT);
    }
}
