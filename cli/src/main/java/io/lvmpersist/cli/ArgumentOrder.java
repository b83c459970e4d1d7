package io.lvmpersist.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code --sim STATE} and {@code --sim-host NAME} may come before the command, as in
 * {@code lvmpersist --sim /tmp/san.state read --vg vg0}: they choose the SAN for the whole run, so
 * users write them first. The command's own options are the only place picocli (and
 * {@code PlainArguments}) look for them, so this moves them right after the command word
 * ({@code sim SUBCOMMAND} for the simulator's commands); everything else keeps its order.
 */
final class ArgumentOrder {
    private static final Set<String> LEADING = Set.of("--sim", "--sim-host");

    private ArgumentOrder() {
    }

    static String[] commandFirst(String[] args) {
        List<String> leading = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!LEADING.contains(name)) {
                break;
            }
            leading.add(arg);
            if (!arg.contains("=")) {
                if (i + 1 == args.length) {
                    return args; // "--sim" without its value: picocli says so
                }
                leading.add(args[i + 1]);
                i++;
            }
            i++;
        }
        if (leading.isEmpty() || i == args.length || args[i].startsWith("-")) {
            return args;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
        int command = rest.getFirst().equals("sim") && rest.size() > 1 && !rest.get(1).startsWith("-") ? 2 : 1;
        rest.addAll(command, leading);
        return rest.toArray(String[]::new);
    }
}
