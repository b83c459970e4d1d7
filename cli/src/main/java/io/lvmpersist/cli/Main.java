package io.lvmpersist.cli;

import io.lvmpersist.cli.logging.WarningsProvider;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Process entry point: sets the log level from the arguments, runs the CLI, exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws java.io.IOException {
        String training = System.getProperty(AotTraining.PROPERTY);
        if (training != null) {
            configureLogging(new String[0]);
            System.exit(AotTraining.run(java.nio.file.Path.of(training)));
        }
        configureLogging(args);
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
        int code = new Cli(System.getenv(), out, err).run(args);
        System.exit(code);
    }

    /**
     * Must run before the first logger is created: slf4j picks its provider, and logback reads the
     * level, when it starts. Without {@code --verbose}/{@code --debug} (or an explicit
     * {@code -Dlvmpersist.log.level}) only warnings can be logged, and {@link WarningsProvider} prints
     * them without starting logback.
     */
    static void configureLogging(String[] args) {
        String level = "WARN";
        for (String arg : args) {
            if (arg.equals("--debug")) {
                level = "DEBUG";
                System.setProperty("lvmpersist.debug", "true");
            } else if (arg.equals("--verbose") && !level.equals("DEBUG")) {
                level = "INFO";
            }
        }
        if (System.getProperty("lvmpersist.log.level") == null) {
            System.setProperty("lvmpersist.log.level", level);
            if (level.equals("WARN") && System.getProperty("slf4j.provider") == null) {
                System.setProperty("slf4j.provider", WarningsProvider.class.getName());
                // slf4j would announce the explicit choice on stderr at its default verbosity (INFO).
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
    }
}
