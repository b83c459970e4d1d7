package io.lvmpersist.cli;

import io.lvmpersist.cli.scripted.ScriptedNvme;
import io.lvmpersist.cli.scripted.ScriptedScsi;
import io.lvmpersist.cli.scripted.ScriptedTransportProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lvmpersist.cli.scripted.ScriptedNvme.report;
import static io.lvmpersist.cli.scripted.ScriptedNvme.status;
import static io.lvmpersist.cli.scripted.ScriptedScsi.checkCondition;
import static io.lvmpersist.cli.scripted.ScriptedScsi.good;
import static io.lvmpersist.cli.scripted.ScriptedScsi.readKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole CLI commands on the real SG_IO and NVMe transports (only the ioctl layer is scripted, see
 * {@link ScriptedTransportProvider}), counting how often each command reaches the device: resending is the
 * transports' job alone, bounded as docs/transport-sgio.md and docs/transport-nvme.md say. Before this there
 * were two layers, and a persistent UNIT ATTENTION was sent 36 times.
 */
class OneRetryLayerTest {
    /** The transports' bound: the first send and 5 resends. */
    private static final int SENDS = 6;
    private static final String READ_KEYS = "PR IN READ KEYS";
    private static final String REGISTER = "PR OUT REGISTER";
    private static final String REPORT = "Reservation Report";
    private static final String NVME_REGISTER = "Reservation Register";

    private final CliRun cli = CliRun.withEnvironment();

    // --- SCSI through SgIoPrDevice ---

    @Test
    void aPersistentUnitAttentionIsSentSixTimesThenReported() {
        ScriptedScsi lu = new ScriptedScsi().answer(READ_KEYS, checkCondition(0x6, 0x29, 0x00));
        String dev = ScriptedTransportProvider.scsi(lu);
        CliRun.Result result = cli.run("read-keys", "--device", dev);
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.err().contains("read keys failed on " + dev + ": unit attention"), result::toString);
        assertEquals(SENDS, lu.sends(READ_KEYS));
    }

    @Test
    void anAbortedCommandIsSentOnce() {
        ScriptedScsi lu = new ScriptedScsi().answer(READ_KEYS, checkCondition(0xB, 0x47, 0x03));
        String dev = ScriptedTransportProvider.scsi(lu);
        CliRun.Result result = cli.run("read-keys", "--device", dev);
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertEquals(1, lu.sends(READ_KEYS));
    }

    @Test
    void aUnitAttentionFollowedBySuccessReadsTheKeys() {
        ScriptedScsi lu = new ScriptedScsi().answer(READ_KEYS, checkCondition(0x6, 0x2A, 0x03), readKeys(3, 0xa));
        String dev = ScriptedTransportProvider.scsi(lu);
        CliRun.Result result = cli.run("read-keys", "--device", dev);
        assertEquals(ExitCode.OK, result.code(), result::toString);
        assertEquals(List.of("Device " + dev + ": registered keys: 0xa"), result.outLines());
        assertEquals(2, lu.sends(READ_KEYS));
    }

    @Test
    void aPrOutAnsweredWithUnitAttentionIsResentAndTakesEffectOnce() {
        ScriptedScsi lu = new ScriptedScsi().answer(REGISTER, checkCondition(0x6, 0x2A, 0x05), good())
                .answer(READ_KEYS, readKeys(4));
        String dev = ScriptedTransportProvider.scsi(lu);
        CliRun.Result result = cli.run("stop", "--ourkey", "0xa", "--device", dev);
        assertEquals(ExitCode.OK, result.code(), result::toString);
        assertEquals(2, lu.sends(REGISTER));
        assertEquals(1, lu.sends(READ_KEYS));
    }

    @Test
    void aPrOutAnsweredWithAbortedCommandIsNotResent() {
        ScriptedScsi lu = new ScriptedScsi().answer(REGISTER, checkCondition(0xB, 0x00, 0x00))
                .answer(READ_KEYS, readKeys(4, 0xa));
        String dev = ScriptedTransportProvider.scsi(lu);
        CliRun.Result result = cli.run("stop", "--ourkey", "0xa", "--device", dev);
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertEquals(1, lu.sends(REGISTER));
    }

    // --- NVMe through NvmePrDevice: the Do Not Retry bit decides ---

    @Test
    void namespaceNotReadyWithoutDnrIsSentSixTimesThenReported() {
        ScriptedNvme ns = new ScriptedNvme().answer(REPORT, status(0x82));
        String dev = ScriptedTransportProvider.nvme(ns);
        CliRun.Result result = cli.run("read-keys", "--device", dev);
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.err().contains("read keys failed on " + dev + ": device not ready"), result::toString);
        assertEquals(SENDS, ns.sends(REPORT));
    }

    @Test
    void namespaceNotReadyWithDnrIsSentOnce() {
        ScriptedNvme ns = new ScriptedNvme().answer(REPORT, status(0x4082));
        String dev = ScriptedTransportProvider.nvme(ns);
        CliRun.Result result = cli.run("read-keys", "--device", dev);
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.err().contains("Namespace Not Ready, DNR"), result::toString);
        assertEquals(1, ns.sends(REPORT));
    }

    @Test
    void namespaceNotReadyFollowedBySuccessReadsTheKeys() {
        ScriptedNvme ns = new ScriptedNvme().answer(REPORT, status(0x82), report(2, 0xa));
        String dev = ScriptedTransportProvider.nvme(ns);
        CliRun.Result result = cli.run("read-keys", "--device", dev);
        assertEquals(ExitCode.OK, result.code(), result::toString);
        assertEquals(List.of("Device " + dev + ": registered keys: 0xa"), result.outLines());
        assertEquals(2, ns.sends(REPORT));
    }

    @Test
    void aRegisterWithDnrIsSentOnceAndOneWithoutItUpToSixTimes() {
        ScriptedNvme withDnr = new ScriptedNvme().answer(NVME_REGISTER, status(0x4021)).answer(REPORT, report(5, 0xa));
        CliRun.Result refused = cli.run("stop", "--ourkey", "0xa", "--device", ScriptedTransportProvider.nvme(withDnr));
        assertEquals(ExitCode.FAILED, refused.code(), refused::toString);
        assertEquals(1, withDnr.sends(NVME_REGISTER));

        ScriptedNvme withoutDnr = new ScriptedNvme().answer(NVME_REGISTER, status(0x21)).answer(REPORT, report(5, 0xa));
        CliRun.Result busy = cli.run("stop", "--ourkey", "0xa", "--device", ScriptedTransportProvider.nvme(withoutDnr));
        assertEquals(ExitCode.FAILED, busy.code(), busy::toString);
        assertEquals(SENDS, withoutDnr.sends(NVME_REGISTER));
    }
}
