package io.lvmpersist.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process exactly as {@link Main} does, with captured streams and a chosen environment. */
public final class CliRun {
    private final Map<String, String> environment = new HashMap<>();

    /** The outcome of one run. */
    public record Result(int code, String out, String err) {
        public List<String> outLines() {
            return out.lines().toList();
        }

        public List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Tests never write to the machine's syslog; SyslogTest points LVMPERSIST_SYSLOG_SOCKET at its own socket. */
    private CliRun() {
        environment.put("LVMPERSIST_SYSLOG", "off");
    }

    public static CliRun withEnvironment() {
        return new CliRun();
    }

    /** Every run uses the simulated SAN in {@code state}, as host {@code host}. */
    public static CliRun simulated(Path state, String host) {
        return new CliRun().env("LVMPERSIST_SIM", state.toString()).env("LVMPERSIST_SIM_HOST", host);
    }

    public CliRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public CliRun as(String host) {
        CliRun copy = new CliRun();
        copy.environment.putAll(environment);
        copy.environment.put("LVMPERSIST_SIM_HOST", host);
        return copy;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(environment, new PrintWriter(out), new PrintWriter(err)).run(args.clone());
        return new Result(code, out.toString(), err.toString());
    }

    /** Splits a command line on spaces (no quoting needed in our tests). */
    public Result line(String commandLine) {
        List<String> args = new ArrayList<>(List.of(commandLine.trim().split("\\s+")));
        return run(args.toArray(String[]::new));
    }
}
