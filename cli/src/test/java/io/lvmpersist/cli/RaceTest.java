package io.lvmpersist.cli;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hosts racing for the same VG at the same moment (one thread per host, all on one simulated SAN): exactly one
 * wins, the VG is never split between hosts, and every report states what is really on the devices.
 */
class RaceTest {
    @TempDir
    Path dir;

    private int sans;

    private SimSan newSan() {
        return SimSan.open(dir.resolve("san" + (sans++) + ".state"));
    }

    /** Runs one command line per host at the same time; results in host order. */
    private static List<CliRun.Result> race(ExecutorService pool, int hosts, IntFunction<CliRun.Result> run) {
        List<CompletableFuture<CliRun.Result>> futures = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            int host = h;
            futures.add(CompletableFuture.supplyAsync(() -> run.apply(host), pool));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void eightHostsStartingTheSameVgExclusivelyHaveExactlyOneWinnerInEveryRound() throws Exception {
        int hosts = 8;
        try (ExecutorService pool = Executors.newFixedThreadPool(hosts)) {
            for (int round = 0; round < 100; round++) {
                SimSan san = newSan();
                List<String> pvs = san.createVolumeGroup("vg0", 4, round % 2 == 0 ? Personality.SCSI : Personality.NVME);
                CliRun base = CliRun.simulated(Path.of(san.location()), "host0");
                List<CliRun.Result> results = race(pool, hosts,
                        h -> base.as("host" + h).line("start --ourkey 0x" + (h + 1) + " --access ex --vg vg0"));

                String context = "round " + round + "\n" + results;
                List<Integer> winners = new ArrayList<>();
                for (int h = 0; h < hosts; h++) {
                    if (results.get(h).code() == ExitCode.OK) {
                        winners.add(h);
                    } else {
                        assertEquals(ExitCode.CONFLICT, results.get(h).code(), context);
                    }
                }
                assertEquals(1, winners.size(), context);
                ReservationKey winner = ReservationKey.of(winners.getFirst() + 1);
                for (String pv : pvs) {
                    Reservation r = reservation(san, pv);
                    assertEquals(Optional.of(ReservationType.WE), r.type(), pv + ": " + context);
                    assertEquals(winner, r.holder(), pv + ": " + context);
                }
                // Losers stopped at the first device: their keys are nowhere else (a key there is kept, as upstream).
                for (String pv : pvs.subList(1, pvs.size())) {
                    assertEquals(List.of(winner), keys(san, pv).keys(), pv + ": " + context);
                }
            }
        }
    }

    @Test
    void hostsNamingTheDevicesDifferentlyStillAgreeOnTheFirstDevice() throws Exception {
        // Each host reaches the LUs under its own paths, whose names sort in a different LU order on every host,
        // and lists them in yet another order: only an identity every host shares (the LU id) orders them alike.
        int hosts = 4;
        try (ExecutorService pool = Executors.newFixedThreadPool(hosts)) {
            for (int round = 0; round < 20; round++) {
                SimSan san = newSan();
                List<String> pvs = san.createVolumeGroup("vg0", 4, Personality.SCSI);
                List<List<String>> paths = new ArrayList<>();
                for (int h = 0; h < hosts; h++) {
                    List<String> own = new ArrayList<>();
                    for (int lu = 0; lu < 4; lu++) {
                        String path = "/dev/sim/host" + h + "/d" + ((lu + h) % 4);   // d0 is another LU on each host
                        san.bind(path, san.lunOf(pvs.get(lu)).orElseThrow());
                        own.add(path);
                    }
                    java.util.Collections.rotate(own, round + h);
                    paths.add(own);
                }
                CliRun base = CliRun.simulated(Path.of(san.location()), "host0");
                List<CliRun.Result> results = race(pool, hosts, h -> base.as("host" + h).line("start --ourkey 0x"
                        + (h + 1) + " --device " + String.join(" --device ", paths.get(h))));
                String context = "round " + round + "\n" + results;
                assertEquals(1, results.stream().filter(r -> r.code() == ExitCode.OK).count(), context);
                ReservationKey winner = ReservationKey.of(
                        java.util.stream.IntStream.range(0, hosts).filter(h -> results.get(h).code() == 0).findFirst()
                                .orElseThrow() + 1);
                for (String pv : pvs) {
                    assertEquals(winner, reservation(san, pv).holder(), pv + ": " + context);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void twoHostsTakingOverTheSameVictimNeverSplitTheVg(Personality personality) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 25; round++) {
                SimSan san = newSan();
                List<String> pvs = san.createVolumeGroup("vg0", 4, personality);
                CliRun victim = CliRun.simulated(Path.of(san.location()), "hostA");
                assertEquals(ExitCode.OK, victim.line("start --ourkey 0xa --vg vg0").code());
                List<CliRun.Result> results = race(pool, 2, h -> victim.as(h == 0 ? "hostB" : "hostC")
                        .line("start --ourkey 0x" + (h == 0 ? "b" : "c") + " --removekey 0xa --vg vg0"));

                String context = "round " + round + "\n" + results;
                assertEquals(1, results.stream().filter(r -> r.code() == ExitCode.OK).count(), context);
                int w = results.get(0).code() == ExitCode.OK ? 0 : 1;
                ReservationKey winner = ReservationKey.of(w == 0 ? 0xb : 0xc);
                ReservationKey loser = ReservationKey.of(w == 0 ? 0xc : 0xb);
                CliRun.Result lost = results.get(1 - w);
                assertNotEquals(ExitCode.OK, lost.code(), context);
                // A loser that came late found 0xa gone on some device and changed nothing; one that raced at the
                // first device lost its preempt there and stopped.
                boolean changedNothing = lost.err().contains("start vg0: no device was changed.");
                for (String pv : pvs) {
                    Reservation r = reservation(san, pv);
                    assertEquals(winner, r.holder(), pv + ": " + context);
                    assertFalse(keys(san, pv).contains(ReservationKey.of(0xa)), pv + ": " + context);
                    assertFalse(san.canWrite(pv, "hostA"), pv + ": " + context);
                    if (changedNothing) {
                        assertFalse(keys(san, pv).contains(loser), pv + ": " + context);
                        continue;
                    }
                    // The loser's report states what was true when it read each device back: on the first device
                    // the winner had finished; on the others the winner may still be at work, but the loser's own
                    // key (which only the loser changes) must be reported as it is.
                    String line = stateLine(lost, pv);
                    assertTrue(line.contains(loser + (keys(san, pv).contains(loser) ? " registered" : " not registered"))
                            && !line.contains("held by " + loser), pv + ": " + line + "\n" + context);
                    if (pv.equals(pvs.getFirst())) {
                        assertTrue(line.endsWith("0xa not registered, reservation WE held by " + winner),
                                pv + ": " + line + "\n" + context);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void twoHostsRemovingEachOtherNeverSplitTheVg(Personality personality) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 25; round++) {
                SimSan san = newSan();
                List<String> pvs = san.createVolumeGroup("vg0", 4, personality);
                CliRun a = CliRun.simulated(Path.of(san.location()), "hostA");
                CliRun b = a.as("hostB");
                assertEquals(ExitCode.OK, a.line("start --ourkey 0xa --access sh --vg vg0").code());
                assertEquals(ExitCode.OK, b.line("start --ourkey 0xb --access sh --vg vg0").code());
                List<CliRun.Result> results = race(pool, 2, h -> h == 0
                        ? a.line("remove --ourkey 0xa --removekey 0xb --vg vg0")
                        : b.line("remove --ourkey 0xb --removekey 0xa --vg vg0"));

                String context = "round " + round + "\n" + results;
                assertEquals(1, results.stream().filter(r -> r.code() == ExitCode.OK).count(), context);
                ReservationKey survivor = ReservationKey.of(results.get(0).code() == ExitCode.OK ? 0xa : 0xb);
                for (String pv : pvs) {
                    assertEquals(List.of(survivor), keys(san, pv).keys(), pv + ": " + context);
                }
            }
        }
    }

    /** The loser's "start vg0: DEV: state" line for {@code pv}. */
    private static String stateLine(CliRun.Result result, String pv) {
        String prefix = "  lvmpersist: start vg0: " + pv + ": ";
        return result.errLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no state line for " + pv + "\n" + result));
    }

    static KeyList keys(SimSan san, String pv) throws DeviceException {
        try (PrDevice device = san.device(pv, "observer")) {
            return switch (device.readKeys()) {
                case PrResult.Ok<KeyList> ok -> ok.value();
                case PrResult.Failed<KeyList> failed -> throw new AssertionError(failed.failure().message());
            };
        }
    }

    static Reservation reservation(SimSan san, String pv) throws DeviceException {
        try (PrDevice device = san.device(pv, "observer")) {
            return switch (device.readReservation()) {
                case PrResult.Ok<Reservation> ok -> ok.value();
                case PrResult.Failed<Reservation> failed -> throw new AssertionError(failed.failure().message());
            };
        }
    }
}
