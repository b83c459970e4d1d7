package io.lvmpersist.cli.command;

import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;

import java.util.List;

/** Builds the command report from per-device reports: errors listed, exit code derived. */
final class Summaries {
    private Summaries() {
    }

    /**
     * Reads: a device that does not do PR is reported, not an error (as lvmpersist); a device that
     * could not be read makes the command fail, unlike lvmpersist's rc 0 (callers must know the read is incomplete).
     */
    static CommandReport reads(Session session, List<DeviceReport> reports) {
        CommandReport report = new CommandReport(session.invocation().command(), session.group()).devices(reports);
        reports.stream().filter(DeviceReport::failed).forEach(d -> report.error(d.error()));
        return report.exitCode(Session.exitCodeFor(reports));
    }
}
