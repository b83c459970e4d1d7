package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.ReservationKey;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link StateFileConcurrencyTest}: acts as host {@code args[1]} on the SAN in state file
 * {@code args[0]} and sends {@code args[2]} REGISTER AND IGNORE EXISTING KEY commands to {@code args[3]}; prints
 * how many succeeded. To overlap with the test's threads it creates {@code args[4]/ready-<host>} and starts only
 * once {@code args[4]/go} exists.
 */
public final class HammerMain {
    private HammerMain() {
    }

    public static void main(String[] args) throws Exception {
        SimSan san = SimSan.open(Path.of(args[0]));
        Path signals = Path.of(args[4]);
        Files.createFile(signals.resolve("ready-" + args[1]));
        while (!Files.exists(signals.resolve("go"))) {
            Thread.sleep(1);
        }
        int count = Integer.parseInt(args[2]);
        int ok = 0;
        try (PrDevice device = san.device(args[3], args[1])) {
            for (int i = 1; i <= count; i++) {
                if (device.register(ReservationKey.NONE, ReservationKey.of(i), true, false).isOk()) {
                    ok++;
                }
            }
        }
        System.out.println(ok);
    }
}
