package io.lvmpersist.cli;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs many lvmpersist command lines in one JVM, for the VM tests (.ci/vm/guest/cli-scenarios.sh).
 * Under the emulated CPU of the test VM every JVM start costs 5-30 s and the command itself a few
 * milliseconds, so one JVM for all commands keeps the suite inside its time on a loaded machine.
 * Each command runs through {@link Cli}, as {@link Main} runs it, with its own environment and its
 * stdout and stderr (including logged warnings, which go to {@code System.err}) in files.
 *
 * <p>Protocol: one request per line on stdin, fields separated by TABs:
 * {@code OUT-FILE ERR-FILE TIMEOUT-SECONDS [NAME=VALUE...] -- [ARG...]}; the NAME=VALUE fields are
 * added to the environment. One answer line per request on stdout: {@code exit N}, N being the
 * command's exit code, or {@value #TIMED_OUT} when it did not finish in time. After a timeout the
 * server stops: the command's thread may still hold a device.
 */
public final class VmCommandServer {
    static final int TIMED_OUT = 124;

    private VmCommandServer() {
    }

    /** One command line with where its output goes. */
    record Request(String outFile, String errFile, int timeoutSeconds, Map<String, String> environment,
                   List<String> args) {
        static Request parse(String line) {
            String[] fields = line.split("\t", -1);
            int separator = Arrays.asList(fields).indexOf("--");
            if (fields.length < 4 || separator < 3) {
                throw new IllegalArgumentException("bad request (want OUT ERR TIMEOUT [NAME=VALUE...] -- ARGS): " + line);
            }
            Map<String, String> environment = new HashMap<>();
            for (int i = 3; i < separator; i++) {
                int equals = fields[i].indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("bad environment field '" + fields[i] + "' in: " + line);
                }
                environment.put(fields[i].substring(0, equals), fields[i].substring(equals + 1));
            }
            List<String> args = List.of(fields).subList(separator + 1, fields.length);
            return new Request(fields[0], fields[1], Integer.parseInt(fields[2]), environment, args);
        }
    }

    public static void main(String[] args) throws IOException {
        Main.configureLogging(new String[0]);
        var requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        serve(requests, System.out, System.getenv());
        System.out.flush();
        // halt, not exit: after a timeout the command is still running, and the CLI's shutdown hook
        // (engine.Interruption) would wait for it for minutes
        Runtime.getRuntime().halt(0);
    }

    /** Answers requests until the input ends or a command times out. */
    static void serve(BufferedReader requests, PrintStream answers, Map<String, String> baseEnvironment)
            throws IOException {
        String line;
        while ((line = requests.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            int code = run(Request.parse(line), baseEnvironment);
            answers.println("exit " + code);
            answers.flush();
            if (code == TIMED_OUT) {
                return;
            }
        }
    }

    /** Runs one request with System.out/err pointing at its files (commands run one at a time). */
    static int run(Request request, Map<String, String> baseEnvironment) throws IOException {
        Map<String, String> environment = new HashMap<>(baseEnvironment);
        environment.putAll(request.environment());
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        try (PrintStream out = new PrintStream(new FileOutputStream(request.outFile()), true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new FileOutputStream(request.errFile()), true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            System.setErr(err);
            int[] code = {TIMED_OUT};
            Thread command = new Thread(() -> {
                PrintWriter outWriter = new PrintWriter(out, false, StandardCharsets.UTF_8);
                PrintWriter errWriter = new PrintWriter(err, false, StandardCharsets.UTF_8);
                try {
                    code[0] = new Cli(environment, outWriter, errWriter).run(request.args().toArray(String[]::new));
                } catch (RuntimeException | Error e) {
                    // what an uncaught exception does to a java process: stack trace, exit status 1
                    e.printStackTrace(err);
                    code[0] = 1;
                } finally {
                    outWriter.flush();
                    errWriter.flush();
                }
            }, "command");
            command.setDaemon(true);
            command.start();
            try {
                command.join(request.timeoutSeconds() * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TIMED_OUT;
            }
            return command.isAlive() ? TIMED_OUT : code[0];
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }
}
