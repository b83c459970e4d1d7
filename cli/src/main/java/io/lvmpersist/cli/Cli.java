package io.lvmpersist.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;

/**
 * Builds and runs the command line with injected streams and environment, so tests run the
 * exact code {@link Main} runs. Every error becomes one line and a documented exit code.
 */
public final class Cli {
    private static final Set<String> COMMANDS = Set.of("start", "stop", "remove", "clear", "devtest", "check-key",
            "read-keys", "read-reservation", "read", "help", "sim");

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;

    public Cli(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LvmPersist(environment));
        cl.setOut(out);
        cl.setErr(err);
        cl.setAbbreviatedOptionsAllowed(true);   // lvmpersist uses getopt_long: --dev works
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        cl.setParameterExceptionHandler(this::usageError);
        cl.setExecutionExceptionHandler(this::executionError);
        return cl;
    }

    public int run(String... args) {
        try {
            if (args.length == 0) {
                commandLine().usage(out);
                out.flush();
                return ExitCode.OK;
            }
            if (args[0].equals("-h")) {
                args[0] = "--help";
            } else if (!args[0].startsWith("-") && !COMMANDS.contains(args[0])) {
                err.println("Unknown command: " + args[0] + ".");
                err.flush();
                return ExitCode.USAGE;
            }
            return commandLine().execute(args);
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
        err.println(message + " (see: lvmpersist " + (command.equals("lvmpersist") ? "" : command + " ")
                + "--help)");
        err.flush();
        return ExitCode.USAGE;
    }

    private int executionError(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        if (e instanceof UsageException) {
            err.println(e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        if (e instanceof CommandFailedException failed) {
            failed.getMessage().lines().forEach(l -> err.println("  lvmpersist: " + l));
            err.flush();
            return failed.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            // Bad names or values given to the simulator's admin commands.
            err.println("  lvmpersist: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        if (e instanceof java.io.UncheckedIOException io) {
            err.println("  lvmpersist: " + io.getCause().getMessage());
            err.flush();
            return ExitCode.DEVICE;
        }
        err.println("  lvmpersist: internal error: " + e + " (please report it; --debug shows the stack trace)");
        if (Boolean.getBoolean("lvmpersist.debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL;
    }
}
