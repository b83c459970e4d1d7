package io.lvmpersist.cli.command;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a plainly well-formed PR command line without picocli: {@code COMMAND} followed only by
 * this command's options spelled in full ({@code --vg NAME}, {@code --vg=NAME}, {@code --json}), each
 * given at most once (except {@code --device}), with ordinary values.
 *
 * <p>Why: picocli's model of a command is built by reflection from about 200 classes that the JDK's
 * AOT cache cannot store (picocli ships Java 5 class files), which was two thirds of a cold
 * {@code read --device} (docs/performance.md). LVM and HA agents always call us this plain way.
 *
 * <p>Anything else — help or version options, abbreviations, a repeated option, a value that starts
 * with {@code -}, an empty value, a number picocli might read differently, an unknown word — returns
 * {@code null}, and picocli parses the command line as before, with all its messages. So this class
 * decides only <em>whether</em> an argument list is plain; when it is, the options it sets are the ones
 * picocli would set (PlainArgumentsTest compares the two on generated command lines).
 */
public final class PlainArguments {
    private static final Map<String, Supplier<PrCommand>> COMMANDS = Map.of(
            "start", StartCommand::new, "stop", StopCommand::new, "remove", RemoveCommand::new,
            "clear", ClearCommand::new, "devtest", DevtestCommand::new, "check-key", CheckKeyCommand::new,
            "read-keys", ReadKeysCommand::new, "read-reservation", ReadReservationCommand::new,
            "read", ReadCommand::new);
    private static final Set<String> FLAGS = Set.of("--ptpl", "--debug", "--verbose", "--json");

    private PlainArguments() {
    }

    /** The commands this class can read (the PR commands). */
    public static Set<String> commands() {
        return COMMANDS.keySet();
    }

    /**
     * The command named by {@code args[0]} with its options set from the rest, or {@code null} when
     * the command line is not plain and picocli must read it.
     *
     * @param words every command and subcommand name picocli knows: such a word as a value is left to picocli
     */
    public static PrCommand parse(String[] args, Set<String> words) {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            return null;
        }
        PrOptions options = new PrOptions();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!name.startsWith("--") || !(seen.add(name) || name.equals("--device"))) {
                return null;
            }
            if (FLAGS.contains(name)) {
                if (equals >= 0) {
                    return null;
                }
                setFlag(options, name);
                continue;
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (!plainValue(value, words) || !setValue(options, name, value)) {
                return null;
            }
        }
        PrCommand command = COMMANDS.get(args[0]).get();
        command.options(options);
        return command;
    }

    private static boolean plainValue(String value, Set<String> words) {
        // "@file" is a plain value: picocli's @file expansion is off (Cli), so it reads "@x" as the word "@x" too.
        return !value.isEmpty() && value.charAt(0) != '-' && !words.contains(value);
    }

    // Digits without a leading zero (picocli might read 010 as octal), short enough for an int.
    private static boolean plainNumber(String value) {
        if (value.length() > 9 || (value.length() > 1 && value.charAt(0) == '0')) {
            return false;
        }
        return value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static void setFlag(PrOptions o, String name) {
        switch (name) {
            case "--ptpl" -> o.ptpl = true;
            case "--debug" -> o.debug = true;
            case "--verbose" -> o.verbose = true;
            default -> o.json = true;
        }
    }

    private static boolean setValue(PrOptions o, String name, String value) {
        switch (name) {
            case "--ourkey" -> o.ourKey = value;
            case "--removekey" -> o.removeKey = value;
            case "--key" -> o.key = value;
            case "--access" -> o.access = value;
            case "--prtype" -> o.prtype = value;
            case "--device" -> o.devices.add(value);
            case "--vg" -> o.vg = value;
            case "--sim-host" -> o.simHost = value;
            case "--timeout" -> {
                if (!plainNumber(value)) {
                    return false;
                }
                o.timeoutSeconds = Integer.valueOf(value);
            }
            case "--sim" -> {
                try {
                    o.sim = Path.of(value);
                } catch (InvalidPathException e) {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
