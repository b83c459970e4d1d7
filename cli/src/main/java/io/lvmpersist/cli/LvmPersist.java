package io.lvmpersist.cli;

import io.lvmpersist.cli.command.CheckKeyCommand;
import io.lvmpersist.cli.command.ClearCommand;
import io.lvmpersist.cli.command.DevtestCommand;
import io.lvmpersist.cli.command.ReadCommand;
import io.lvmpersist.cli.command.ReadKeysCommand;
import io.lvmpersist.cli.command.ReadReservationCommand;
import io.lvmpersist.cli.command.RemoveCommand;
import io.lvmpersist.cli.command.StartCommand;
import io.lvmpersist.cli.command.StopCommand;
import io.lvmpersist.cli.sim.SimCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;

/** The root command: {@code lvmpersist COMMAND [OPTIONS] DEST}. */
@Command(name = "lvmpersist",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        synopsisHeading = "Usage:%n",
        customSynopsis = {"  lvmpersist COMMAND [OPTIONS] --device PATH [--device PATH ...] | --vg VGNAME",
                "  lvmpersist --sim STATE [--sim-host NAME] COMMAND ...  (on a simulated SAN)"},
        description = {"", "Manage SCSI-3 and NVMe persistent reservations on the PVs of an LVM volume group.",
                "A drop-in for LVM2's lvmpersist (see lvmpersist COMMAND --help)."},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:success",
                "1:a PR command or its verification failed on a device",
                "2:usage error (command, option, key or type); nothing was done",
                "3:reservation conflict: another host holds the reservation",
                "4:device problem: missing, not PR-capable, VG not found or PVs missing",
                "70:internal error"},
        subcommands = {
                StartCommand.class, StopCommand.class, RemoveCommand.class, ClearCommand.class,
                DevtestCommand.class, CheckKeyCommand.class, ReadKeysCommand.class,
                ReadReservationCommand.class, ReadCommand.class, CommandLine.HelpCommand.class,
                SimCommand.class})
public final class LvmPersist implements Runnable {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    public LvmPersist(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The process environment (injected so tests control LVM_BINARY, LVMPERSIST_SIM...). */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
