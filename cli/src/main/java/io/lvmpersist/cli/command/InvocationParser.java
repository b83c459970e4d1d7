package io.lvmpersist.cli.command;

import io.lvmpersist.cli.UsageException;
import io.lvmpersist.cli.devices.VolumeGroupName;
import io.lvmpersist.transport.InvalidKeyException;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.TransportContext.SimulatorBinding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a command line in lvmpersist's order and with its messages, so scripts that match
 * them keep working. Every check runs before any device is touched.
 */
public final class InvocationParser {
    private final Map<String, String> environment;

    public InvocationParser(Map<String, String> environment) {
        this.environment = environment;
    }

    /** What a command requires beyond the common checks. */
    public enum Needs { NOTHING, OUR_KEY, OUR_KEY_AND_REMOVE_KEY, KEY }

    public Invocation parse(String command, PrOptions o, Needs needs) throws UsageException {
        if (o.devices.isEmpty() && o.vg == null) {
            throw new UsageException("Missing required option: --vg or --device.");
        }
        checkNamesGiven(o);
        if (o.vg != null) {
            VolumeGroupName.check(o.vg);
        }
        if (o.prtype != null && o.access != null) {
            throw new UsageException("Set --prtype or --access, not both.");
        }
        if (needs == Needs.KEY && o.key == null) {
            throw new UsageException("Missing required option: --key.");
        }
        if (needs != Needs.KEY && o.key != null) {
            throw new UsageException("Invalid option: --key.");
        }
        List<String> notices = new ArrayList<>();
        ReservationKey key = parseKey(o.key, "key", notices);
        ReservationKey ourKey = needs == Needs.KEY ? key : parseKey(o.ourKey, "ourkey", notices);
        ReservationKey removeKey = parseKey(o.removeKey, "removekey", notices);
        TypePolicy policy = policy(o);
        if ((needs == Needs.OUR_KEY || needs == Needs.OUR_KEY_AND_REMOVE_KEY) && ourKey == null) {
            throw new UsageException("Missing required option: --ourkey.");
        }
        if (needs == Needs.OUR_KEY_AND_REMOVE_KEY && removeKey == null) {
            throw new UsageException("Missing required option: --removekey.");
        }
        if (ourKey != null && ourKey.equals(removeKey)) {
            throw new UsageException("--removekey " + removeKey + " is our own key: give the other host's key.");
        }
        return new Invocation(command, ourKey, removeKey, key, policy, o.ptpl, List.copyOf(o.devices), o.vg,
                o.json, context(o), notices);
    }

    private static ReservationKey parseKey(String text, String option, List<String> notices) throws UsageException {
        if (text == null) {
            return null;
        }
        try {
            ReservationKey key = ReservationKey.parse(text);
            if (!text.startsWith("0x")) {
                notices.add("Using " + option + ": " + key);
            }
            if (key.isNone()) {
                throw new UsageException("Key 0 is not a valid --" + option + ": 0 means \"no key\" to the device.");
            }
            return key;
        } catch (InvalidKeyException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static TypePolicy policy(PrOptions o) throws UsageException {
        if (o.prtype != null) {
            Optional<ReservationType> type = ReservationType.fromAbbreviation(o.prtype);
            if (type.isEmpty()) {
                throw new UsageException("Unknown PRTYPE string (choose WE/EA/WERO/EARO/WEAR/EAAR).");
            }
            if (type.get().isRegistrantsOnly()) {
                throw new UsageException(type.get() + " is not yet supported.");
            }
            return TypePolicy.forced(type.get());
        }
        String access = o.access == null ? "ex" : o.access;
        if (!access.equals("ex") && !access.equals("sh")) {
            throw new UsageException("Invalid access mode (use ex or sh).");
        }
        return TypePolicy.access(access);
    }

    private TransportContext context(PrOptions o) throws UsageException {
        TransportContext context = TransportContext.system();
        if (o.timeoutSeconds != null) {
            if (o.timeoutSeconds < 1 || o.timeoutSeconds > 3600) {
                throw new UsageException("Invalid --timeout " + o.timeoutSeconds + ": give 1 to 3600 seconds.");
            }
            context = context.withTimeout(Duration.ofSeconds(o.timeoutSeconds));
        }
        Path sim = o.sim != null ? o.sim : Optional.ofNullable(environment.get("LVMPERSIST_SIM"))
                .filter(s -> !s.isEmpty()).map(Path::of).orElse(null);
        if (sim != null) {
            context = context.withSimulator(new SimulatorBinding(sim, simHost(o)));
        } else if (o.simHost != null) {
            throw new UsageException("--sim-host needs --sim STATE (or LVMPERSIST_SIM) to choose the simulated SAN.");
        }
        return context;
    }

    /**
     * An empty path or a host name the simulator cannot store would otherwise fail later, once per
     * device, with a message that does not name the option ("not supported for .").
     */
    private static void checkNamesGiven(PrOptions o) throws UsageException {
        if (o.devices.stream().anyMatch(String::isBlank)) {
            throw new UsageException("Invalid --device \"\": give a device path, e.g. --device /dev/sdb.");
        }
        if (o.sim != null && o.sim.toString().isBlank()) {
            throw new UsageException("Invalid --sim \"\": give the simulated SAN's state file, e.g. --sim /tmp/san.state.");
        }
    }

    // The simulator's rule for host names (a name is a field of its state files).
    private static String checkedHost(String host, String source) throws UsageException {
        boolean valid = host.chars().allMatch(c -> c > ' ' && c < 127) && !host.startsWith("#");
        if (!valid) {
            throw new UsageException("Invalid " + source + " '" + host
                    + "': a simulated host name is printable ASCII without spaces, not starting with #.");
        }
        return host;
    }

    private String simHost(PrOptions o) throws UsageException {
        if (o.simHost != null && !o.simHost.isEmpty()) {
            return checkedHost(o.simHost, "--sim-host");
        }
        String env = environment.get("LVMPERSIST_SIM_HOST");
        if (env != null && !env.isEmpty()) {
            return checkedHost(env, "LVMPERSIST_SIM_HOST");
        }
        String hostname = environment.get("HOSTNAME");
        return hostname != null && !hostname.isEmpty() ? hostname : "localhost";
    }
}
