package io.lvmpersist.cli.command;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every PR command accepts. lvmpersist accepts all of them on every command (an
 * option that does not apply is ignored), so LVM can pass the same set everywhere; the
 * exceptions ({@code --key} outside check-key) are checked by {@link InvocationParser}. {@code --key} is
 * hidden from every command's help but check-key's ({@link CheckKeyCommand.ShowKeyOption}): a synopsis
 * lists only what the command accepts.
 */
public final class PrOptions {
    @Option(names = "--ourkey", paramLabel = "KEY", description = "This host's key: 0x + hex digits, or decimal.")
    String ourKey;

    @Option(names = "--removekey", paramLabel = "REMKEY",
            description = "Another host's key: removed by remove; with start it turns start into a takeover.")
    String removeKey;

    @Option(names = "--key", paramLabel = "KEY", hidden = true, description = "The key check-key looks for (check-key only).")
    String key;

    @Option(names = "--access", paramLabel = "ex|sh", completionCandidates = AccessModes.class,
            description = "ex: WE (WEAR on multipath); sh: WEAR. Default ex.")
    String access;

    @Option(names = "--prtype", paramLabel = "TYPE", completionCandidates = AcceptedTypes.class,
            description = "The same reservation type on every device: WE, EA, WEAR or EAAR (WERO, EARO: not yet supported).")
    String prtype;

    @Option(names = "--ptpl", description = "Ask for persist-through-power-loss when registering (APTPL / CPTPL=3).")
    boolean ptpl;

    @Option(names = "--device", paramLabel = "PATH", description = "A device to act on; repeatable.")
    List<String> devices = new ArrayList<>();

    @Option(names = "--vg", paramLabel = "VGNAME",
            description = "Act on all PVs of the VG (with --device: only a label in messages).")
    String vg;

    @Option(names = "--debug", description = "Log every PR command sent and its decoded status on stderr.")
    boolean debug;

    @Option(names = "--verbose", description = "Log progress on stderr.")
    boolean verbose;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Timeout of each PR command. Default 60.")
    Integer timeoutSeconds;

    @Option(names = "--sim", paramLabel = "STATE",
            description = "Use the simulated SAN in file STATE instead of real devices (env LVMPERSIST_SIM).")
    Path sim;

    @Option(names = "--sim-host", paramLabel = "NAME",
            description = "The host this process is on the simulated SAN (env LVMPERSIST_SIM_HOST; default: the host name).")
    String simHost;

    /** What bash completion offers for --access. */
    static final class AccessModes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("ex", "sh").iterator();
        }
    }

    /** What bash completion offers for --prtype: the types InvocationParser accepts (not WERO, EARO). */
    static final class AcceptedTypes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(io.lvmpersist.transport.ReservationType.values())
                    .filter(t -> !t.isRegistrantsOnly()).map(Enum::name).iterator();
        }
    }

    /** Every option's value, for comparing two parses (PlainArgumentsTest). */
    @Override
    public String toString() {
        return "ourkey=" + ourKey + " removekey=" + removeKey + " key=" + key + " access=" + access
                + " prtype=" + prtype + " ptpl=" + ptpl + " devices=" + devices + " vg=" + vg + " debug=" + debug
                + " verbose=" + verbose + " json=" + json + " timeout=" + timeoutSeconds + " sim=" + sim
                + " sim-host=" + simHost;
    }
}
