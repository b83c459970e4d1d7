import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Time per simulated PR command against a file-backed SAN, as a function of the number of LUs in it: a
 * write (REGISTER AND IGNORE EXISTING KEY) and a read (READ KEYS) on the first LU, one thread, in a JVM
 * started with the CLI's flags. Shows whether a command's cost grows with the SAN (it did with one state file).
 *
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "LIB/transport-api-*.jar:LIB/transport-sim-*.jar" \
 *       docs/bench/TxBench.java [ITERATIONS]
 */
public class TxBench {
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        System.out.println("LUs  write ms/command  read ms/command");
        for (int luns : new int[] {1, 8, 64, 256}) {
            Path dir = Files.createTempDirectory("txbench");
            SimSan san = SimSan.open(dir.resolve("san"));
            List<String> pvs = san.createVolumeGroup("vg", luns, Personality.SCSI);
            try (PrDevice device = san.device(pvs.getFirst(), "host")) {
                for (int i = 0; i < iterations / 4; i++) {   // warm up
                    device.register(ReservationKey.NONE, ReservationKey.of(i + 1), true, false);
                    device.readKeys();
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    device.register(ReservationKey.NONE, ReservationKey.of(i + 1), true, false);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    device.readKeys();
                }
                long t2 = System.nanoTime();
                System.out.printf("%4d  %18.3f  %15.3f%n", luns, (t1 - t0) / 1e6 / iterations,
                        (t2 - t1) / 1e6 / iterations);
            }
        }
    }
}
