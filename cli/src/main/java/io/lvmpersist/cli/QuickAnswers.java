package io.lvmpersist.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Answers {@code --version} and the plain help requests before picocli builds its model of the commands:
 * that model, built by reflection for every command, took two thirds of a cold {@code --help}
 * (docs/performance.md). The help texts are picocli's own usage messages, written at build time into
 * resources next to this class ({@code help/NAME.txt}); GeneratedDocsTest keeps them equal to what
 * the model renders. Anything else (abbreviations, {@code help sim fault}, extra words) goes to picocli.
 */
final class QuickAnswers {
    static final String HELP_DIRECTORY = "help/";
    private static final Set<String> HELP = Set.of("--help", "-h");
    private static final Set<String> VERSION = Set.of("--version", "-V");

    private QuickAnswers() {
    }

    /** Prints the answer and returns true, or returns false when picocli must read {@code args}. */
    static boolean answer(String[] args, PrintWriter out) {
        if (args.length == 1 && VERSION.contains(args[0])) {
            for (String line : new Version().getVersion()) {
                out.println(line);
            }
            return true;
        }
        String text = helpText(args);
        if (text == null) {
            return false;
        }
        out.print(text);
        return true;
    }

    /** The usage text {@code args} ask for, or null when it is not a plain help request (or has no text). */
    static String helpText(String[] args) {
        String name = helpName(args);
        if (name == null) {
            return null;
        }
        try (InputStream in = QuickAnswers.class.getResourceAsStream(HELP_DIRECTORY + name + ".txt")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The command whose usage {@code args} ask for, as {@code lvmpersist-start} or {@code lvmpersist-sim-fault}:
     * nothing, {@code --help}, {@code help [COMMAND]}, {@code COMMAND --help}, {@code sim SUBCOMMAND --help}.
     */
    static String helpName(String[] args) {
        if (args.length == 0 || args.length == 1 && (HELP.contains(args[0]) || args[0].equals("help"))) {
            return "lvmpersist";
        }
        String last = args[args.length - 1];
        if (args.length == 2 && args[0].equals("help") && word(args[1])) {
            return "lvmpersist-" + args[1];
        }
        if (args.length == 2 && HELP.contains(last) && word(args[0])) {
            return "lvmpersist-" + args[0];
        }
        if (args.length == 3 && HELP.contains(last) && args[0].equals("sim") && word(args[1])) {
            return "lvmpersist-sim-" + args[1];
        }
        return null;
    }

    // A command name, never a path into the resources.
    private static boolean word(String arg) {
        return arg.matches("[a-z][a-z-]*");
    }
}
