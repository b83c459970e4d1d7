package io.lvmpersist.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Process entry point: sets the log level from the arguments, runs the CLI, exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        configureLogging(args);
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
        int code = new Cli(System.getenv(), out, err).run(args);
        System.exit(code);
    }

    /** Must run before the first logger is created: logback reads the level when it starts. */
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
        }
    }
}
