package io.lvmpersist.cli;

import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** dm-multipath maps on the simulated SAN: two hosts, two paths each. */
class MultipathTest {
    @TempDir
    Path dir;
    SimSan san;
    CliRun a;
    CliRun b;
    List<String> pvs;

    @BeforeEach
    void setUp() {
        Path state = dir.resolve("san.state");
        a = CliRun.simulated(state, "hostA");
        b = a.as("hostB");
        CliRun.Result created = a.line("sim create-vg mvg --pvs 2 --multipath 2");
        assertEquals(ExitCode.OK, created.code(), created::toString);
        san = SimSan.open(state);
        pvs = created.outLines();
    }

    @Test
    void exclusiveStartUsesWearSoEveryPathStaysUsable() {
        CliRun.Result start = a.line("start --ourkey 0xa --vg mvg");
        assertEquals(ExitCode.OK, start.code(), start::toString);
        CliRun.Result read = a.line("read --vg mvg");
        assertEquals(List.of("Device " + pvs.get(0) + ": registered keys: 0xa",
                "Device " + pvs.get(1) + ": registered keys: 0xa",
                "Device " + pvs.get(0) + ": reservation: WEAR",
                "Device " + pvs.get(1) + ": reservation: WEAR"), read.outLines(), "each key once per LU");
        for (String pv : pvs) {
            assertTrue(san.canWrite(pv, "hostA"), "every path of A may write " + pv);
            assertFalse(san.canWrite(pv, "hostB"));
        }
        CliRun.Result stop = a.line("stop --ourkey 0xa --vg mvg");
        assertEquals(ExitCode.OK, stop.code(), stop::toString);
        assertEquals("Device " + pvs.getFirst() + ": registered keys: none", a.line("read-keys --vg mvg").outLines()
                .getFirst());
    }

    @Test
    void aPathThatFailsDuringStartIsNamedAndTheCommandStillSucceeds() {
        assertEquals(ExitCode.OK, a.line("sim path --device " + pvs.get(1) + " --down 2").code());
        CliRun.Result start = a.line("start --ourkey 0xa --vg mvg");
        assertEquals(ExitCode.OK, start.code(), start::toString);
        assertTrue(start.err().contains("path " + pvs.get(1) + "@path2 of " + pvs.get(1) + ": register 0xa failed: "
                + "path down (transport error DID_NO_CONNECT); done on " + pvs.get(1) + "@path1"), start::toString);
        assertEquals(1, start.errLines().stream().filter(l -> l.contains("@path2")).count(), "said once");

        // The path comes back unregistered: its I/O would conflict until start runs again.
        assertEquals(ExitCode.OK, a.line("sim path --device " + pvs.get(1) + " --up 2").code());
        assertFalse(san.canWrite(pvs.get(1), "hostA"));
        assertEquals(ExitCode.OK, a.line("start --ourkey 0xa --vg mvg").code());
        assertTrue(san.canWrite(pvs.get(1), "hostA"));
    }

    @Test
    void fencingAnotherHostRemovesItThroughAllItsPaths() {
        assertEquals(ExitCode.OK, a.line("start --ourkey 0xa --access sh --vg mvg").code());
        assertEquals(ExitCode.OK, b.line("start --ourkey 0xb --access sh --vg mvg").code());
        assertTrue(san.canWrite(pvs.getFirst(), "hostB"));
        CliRun.Result removed = a.line("remove --ourkey 0xa --removekey 0xb --vg mvg");
        assertEquals(ExitCode.OK, removed.code(), removed::toString);
        for (String pv : pvs) {
            assertFalse(san.canWrite(pv, "hostB"), "B is fenced from " + pv + " on every path");
            assertTrue(san.canWrite(pv, "hostA"), "A keeps every path of " + pv);
        }
    }

    @Test
    void jsonCarriesPathWarnings() {
        a.line("sim path --device " + pvs.getFirst() + " --down 1");
        CliRun.Result start = a.line("start --ourkey 0xa --json --vg mvg");
        assertEquals(ExitCode.OK, start.code(), start::toString);
        assertTrue(start.out().contains("\"warnings\":[\"path " + pvs.getFirst() + "@path1 of " + pvs.getFirst()),
                start::toString);
    }

    @Test
    void nvmeHasNoDmMultipath() {
        CliRun.Result result = a.line("sim create-vg n --nvme --multipath 2");
        assertEquals(ExitCode.USAGE, result.code(), result::toString);
        assertEquals("  lvmpersist: --multipath is for SCSI LUs: NVMe namespaces use native multipath.",
                result.err().stripTrailing());
    }
}
