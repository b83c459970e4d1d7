package io.lvmpersist.cli;

import io.lvmpersist.cli.command.PlainArguments;
import io.lvmpersist.cli.command.PrCommand;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.Renderer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds and runs the command line with injected streams and environment, so tests run the
 * exact code {@link Main} runs. Every error becomes one line and a documented exit code.
 */
public final class Cli {
    private static final Set<String> COMMANDS = union(PlainArguments.commands(), Set.of("help", "sim"));

    // Every command and subcommand name: as an option's value picocli may read one as a command, so
    // PlainArguments leaves such a command line to picocli.
    static final Set<String> WORDS = union(COMMANDS,
            Set.of("create-vg", "show", "fault", "access", "write", "bind", "path"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean plainArguments;

    public Cli(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this(environment, out, err, true);
    }

    /** @param plainArguments read plain PR command lines without picocli (false: picocli reads every one; for tests) */
    Cli(Map<String, String> environment, PrintWriter out, PrintWriter err, boolean plainArguments) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.plainArguments = plainArguments;
    }

    /** The whole command line: the root and every command (help, usage, documentation). */
    public CommandLine commandLine() {
        return configure(new CommandLine(new LvmPersist(environment)));
    }

    /**
     * The command line for running {@code args}: when they name one command and ask for no help or
     * version, the root holds only that command. picocli builds the model of every command it is
     * given, by reflection, and for all of them that is the largest part of a cold start (see
     * docs/performance.md). The command's own model is the same either way, so it parses, runs and
     * reports errors exactly as in {@link #commandLine()}.
     */
    CommandLine commandLineFor(String[] args) {
        Class<?> command = args.length == 0 || Arrays.stream(args).anyMatch(Cli::asksForHelpOrVersion)
                ? null : commandClass(args[0]);
        if (command == null) {
            return commandLine();
        }
        CommandSpec root = CommandSpec.wrapWithoutInspection(new LvmPersist(environment));
        root.name("lvmpersist");
        CommandLine cl = new CommandLine(root);
        cl.addSubcommand(args[0], new CommandLine(command));
        return configure(cl);
    }

    // The command classes come from LvmPersist's own list, so there is one list of commands.
    private static Class<?> commandClass(String name) {
        for (Class<?> c : LvmPersist.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && command.name().equals(name) && c != CommandLine.HelpCommand.class) {
                return c;
            }
        }
        return null;
    }

    // -h, -V, a cluster holding them, or --help/--version abbreviated (getopt_long style, as allowed).
    private static boolean asksForHelpOrVersion(String arg) {
        if (arg.startsWith("--")) {
            return arg.length() > 2 && ("--help".startsWith(arg) || "--version".startsWith(arg));
        }
        return arg.startsWith("-") && (arg.indexOf('h') > 0 || arg.indexOf('V') > 0);
    }

    private CommandLine configure(CommandLine cl) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setAbbreviatedOptionsAllowed(true);   // lvmpersist uses getopt_long: --dev works
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        cl.setExpandAtFiles(false);              // "@/etc/shadow" is a word, not a file to read (we run as root)
        cl.setParameterExceptionHandler(this::usageError);
        cl.setExecutionExceptionHandler(this::executionError);
        return cl;
    }

    /**
     * Runs one command line. A result that could not be written to stdout (a full disk, a closed pipe) is
     * a failure: PrintWriter swallows write errors, so they are checked here, once, after everything is printed.
     */
    public int run(String... args) {
        int code = runCommand(args);
        out.flush();
        if (out.checkError()) {
            Renderer.message(err, "error writing standard output: the results are incomplete.");
            code = code == ExitCode.OK ? ExitCode.FAILED : code;
        }
        err.flush();
        return code;
    }

    private int runCommand(String... args) {
        try {
            args = ArgumentOrder.commandFirst(args);
            if (QuickAnswers.answer(args, out)) {
                return ExitCode.OK;
            }
            if (args.length == 0) {
                commandLine().usage(out);
                out.flush();
                return ExitCode.OK;
            }
            if (args[0].equals("-h")) {
                args[0] = "--help";
            } else if (!args[0].startsWith("-") && !COMMANDS.contains(args[0])) {
                Renderer.message(err, "Unknown command: " + args[0] + ".");
                return ExitCode.USAGE;
            }
            PrCommand plain = plainArguments ? PlainArguments.parse(args, WORDS) : null;
            if (plain != null) {
                try {
                    return plain.run(args[0], environment, out, err);
                } catch (Exception e) {
                    return failed(e, List.of(args));
                }
            }
            return commandLineFor(args).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int usageError(CommandLine.ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandName();
        // picocli wraps its own internal failures (e.g. on a lone "-") in a ParameterException: keep one clean line.
        String message = e.getCause() != null && !(e.getCause() instanceof CommandLine.PicocliException)
                ? "Invalid arguments: " + String.join(" ", args) : e.getMessage();
        // The qualified name: "lvmpersist sim fault --help", not "lvmpersist fault --help".
        Renderer.message(err, message + " (see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        jsonUsageError(command, message, List.of(args));
        return ExitCode.USAGE;
    }

    private int executionError(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        return failed(e, parseResult.originalArgs());
    }

    /**
     * A command that threw: one line on stderr with lvmpersist's prefix and the documented exit code, the same
     * with or without picocli.
     */
    private int failed(Exception e, List<String> args) {
        if (e instanceof UsageException) {
            Renderer.message(err, e.getMessage());
            err.flush();
            jsonUsageError(args.isEmpty() ? "" : args.getFirst(), e.getMessage(), args);
            return ExitCode.USAGE;
        }
        if (e instanceof CommandFailedException failed) {
            failed.lines().forEach(l -> Renderer.message(err, l));
            err.flush();
            return failed.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            // Bad names or values given to the simulator's admin commands.
            Renderer.message(err, e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        if (e instanceof java.io.UncheckedIOException io) {
            Renderer.message(err, io.getCause().getMessage());
            err.flush();
            return ExitCode.DEVICE;
        }
        Renderer.message(err, "internal error: " + e + " (please report it; --debug shows the stack trace)");
        if (Boolean.getBoolean("lvmpersist.debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL;
    }

    /**
     * docs/json.md promises one document for every PR command run with --json, so a script that parses
     * stdout also gets one for a usage error (exit 2, no devices, the message in "errors").
     */
    private void jsonUsageError(String command, String message, List<String> args) {
        if (PlainArguments.commands().contains(command) && args.contains("--json")) {
            Renderer.json(new CommandReport(command, null).exitCode(ExitCode.USAGE).error(message), out);
        }
    }
}
