package io.lvmpersist.cli.stress;

import io.lvmpersist.cli.Cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One simulated host in its own JVM for {@link SimMultiProcessStressTest}: runs {@code start --access sh} and
 * {@code stop} on the given devices ROUNDS times through the CLI, exactly as {@code Main} would run them. Every
 * command is a phase that all HOSTS hosts run at the same time: a host starts a phase when every host has marked
 * the previous one done in BARRIER_DIR (so that starts race starts and stops race stops, and not a start the stop
 * of the last other sharer, which is a race of the CLI's start and not of the simulator's locks). Prints every
 * failed run on stdout and exits 1 when there was one.
 *
 * <p>Arguments: STATE HOST KEY ROUNDS BARRIER_DIR HOSTS DEVICE...
 */
public final class SimHostLoop {
    private SimHostLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        String host = args[1];
        String key = args[2];
        int rounds = Integer.parseInt(args[3]);
        Path barrier = Path.of(args[4]);
        int hosts = Integer.parseInt(args[5]);
        List<String> devices = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            devices.add("--device");
            devices.add(args[i]);
        }
        Map<String, String> environment = Map.of("LVMPERSIST_SIM", state.toString(), "LVMPERSIST_SIM_HOST", host,
                "LVMPERSIST_SYSLOG", "off");
        int failures = 0;
        int phase = 0;
        awaitPhase(barrier, host, phase++, hosts);   // everybody's JVM is up
        for (int round = 1; round <= rounds; round++) {
            for (List<String> command : List.of(List.of("start", "--access", "sh", "--ourkey", key),
                    List.of("stop", "--ourkey", key))) {
                List<String> line = new ArrayList<>(command);
                line.addAll(devices);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = new Cli(environment, new PrintWriter(out), new PrintWriter(err))
                        .run(line.toArray(String[]::new));
                if (code != 0) {
                    failures++;
                    System.out.println(host + " round " + round + ": " + String.join(" ", line) + " -> exit " + code
                            + "\n" + err.toString().strip());
                }
                awaitPhase(barrier, host, phase++, hosts);
            }
        }
        System.out.flush();
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Marks {@code phase} done for {@code host} and waits until all {@code hosts} have. */
    private static void awaitPhase(Path barrier, String host, int phase, int hosts) throws Exception {
        Files.createFile(barrier.resolve(phase + "-" + host));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try (var done = Files.list(barrier)) {
                if (done.filter(f -> f.getFileName().toString().startsWith(phase + "-")).count() >= hosts) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                System.out.println(host + ": the other hosts did not finish phase " + phase);
                System.exit(2);
            }
            Thread.sleep(2);
        }
    }
}
