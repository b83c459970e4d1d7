package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.multipath.MultipathPrDevice;
import io.lvmpersist.transport.spi.DeviceMatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dm-multipath map on a sysfs fixture: every path registered, prkeys kept for multipathd. */
class MultipathMapsTest {
    private static final String WWID = "36001405a1b2c3d4e5f60718293a4b5c6";
    private static final ReservationKey KEY = ReservationKey.of(0x100000000000000aL);
    private static final String REGISTER_AND_IGNORE = "5f 06 00 00 00 00 00 00 18 00";
    private static final String REGISTER = "5f 00 00 00 00 00 00 00 18 00";
    private static final String ZERO = "00 00 00 00 00 00 00 00";
    private static final String KEY_HEX = "10 00 00 00 00 00 00 0a";

    @TempDir
    Path tmp;
    private Path sysRoot;
    private final Map<String, ScriptedExecutor> executors = new HashMap<>();
    private final DeviceMatch map = new DeviceMatch("/dev/mapper/mpatha", "/dev/dm-2", DeviceClass.MULTIPATH,
            "253:2", "sgio");

    @BeforeEach
    void tree() {
        sysRoot = tmp.resolve("sys");
        new SysfsFixture(sysRoot).scsiLu(1, 0, true, "sdb", 16).scsiLu(2, 0, true, "sdc", 32)
                .dm(2, "mpath-" + WWID, "sdb", "sdc");
        executors.put("/dev/sdb", new ScriptedExecutor());
        executors.put("/dev/sdc", new ScriptedExecutor());
    }

    private MultipathPrDevice open() throws DeviceException {
        return MultipathMaps.open(map, sysRoot, node -> {
            ScriptedExecutor exec = executors.get(node);
            if (exec == null) {
                throw new DeviceException(node, "cannot open " + node + ": No such device or address (ENXIO)",
                        new Failure.DeviceError("cannot open " + node, "ENXIO"));
            }
            return new SgIoPrDevice(node, DeviceClass.SCSI, exec, Duration.ofSeconds(20), attempt -> { });
        });
    }

    private void configureMultipathd() throws Exception {
        Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(tmp.resolve("etc/multipath.conf"), "defaults {\n    user_friendly_names yes\n"
                + "    reservation_key file\n}\n");
    }

    @Test
    void registersOnEveryPathAndRecordsTheKeyForMultipathd() throws Exception {
        configureMultipathd();
        executors.values().forEach(e -> e.expectOut(REGISTER_AND_IGNORE, ZERO + KEY_HEX + ZERO));
        MultipathPrDevice device = open();
        assertEquals(List.of("/dev/sdb", "/dev/sdc"), device.pathNames());
        assertEquals(PrResult.done(), device.register(ReservationKey.NONE, KEY, true, false));
        executors.values().forEach(ScriptedExecutor::assertAllSent);
        assertEquals(List.of(), device.notices());
        String prkeys = Files.readString(tmp.resolve("etc/multipath/prkeys"));
        assertTrue(prkeys.startsWith("# Multipath persistent reservation keys, Version : 1.0\n"), prkeys);
        assertTrue(prkeys.endsWith("\n0x100000000000000a " + WWID + "\n"), prkeys);

        executors.values().forEach(e -> e.expectOut(REGISTER, KEY_HEX + ZERO + ZERO));
        assertEquals(PrResult.done(), device.unregister(KEY));
        assertTrue(Files.readString(tmp.resolve("etc/multipath/prkeys"))
                .endsWith("\n#x100000000000000a " + WWID + "\n"), "multipathd's way of removing a key");
    }

    @Test
    void withoutReservationKeyFileTheUserIsToldOnce() throws Exception {
        executors.values().forEach(e -> e.expectOut(REGISTER_AND_IGNORE, ZERO + KEY_HEX + ZERO));
        MultipathPrDevice device = open();
        device.register(ReservationKey.NONE, KEY, true, false);
        assertEquals(List.of(MultipathConfig.NOT_CONFIGURED), device.notices());
        assertTrue(Files.notExists(tmp.resolve("etc/multipath/prkeys")));
    }

    @Test
    void aPathThatCannotBeOpenedDoesNotStopTheOthers() throws Exception {
        configureMultipathd();
        executors.remove("/dev/sdc");
        executors.get("/dev/sdb").expectOut(REGISTER_AND_IGNORE, ZERO + KEY_HEX + ZERO);
        MultipathPrDevice device = open();
        assertEquals(PrResult.done(), device.register(ReservationKey.NONE, KEY, true, false));
        assertEquals(List.of("path /dev/sdc of /dev/mapper/mpatha: cannot be opened: cannot open /dev/sdc"),
                device.notices());
    }

    @Test
    void prkeysLinesFollowMultipathdsFormat() {
        assertEquals("0x00000000000000ab " + WWID, PrkeysFile.line(ReservationKey.of(0xab), false, WWID));
        assertEquals("0Xffffffffffffffff " + WWID, PrkeysFile.line(ReservationKey.of(-1), true, WWID));
        PrkeysFile other = new PrkeysFile(tmp.resolve("prkeys"), "3600other");
        String existing = PrkeysFile.HEADER + "0x0000000000000001 " + WWID + "\n";
        assertEquals(existing + "0x0000000000000002 3600other\n",
                other.apply(existing, "0x0000000000000002 3600other"), "other maps' lines are kept");
    }

    @Test
    void multipathConfRecognition() throws Exception {
        Files.createDirectories(tmp.resolve("etc"));
        for (String conf : List.of("defaults {\n\treservation_key \"file\"\n}\n", "reservation_key file # pr\n")) {
            Files.writeString(tmp.resolve("etc/multipath.conf"), conf);
            assertTrue(MultipathConfig.usesPrkeysFile(tmp.resolve("etc")), conf);
        }
        for (String conf : List.of("# reservation_key file\n", "defaults {\n reservation_key 0x1234\n}\n")) {
            Files.writeString(tmp.resolve("etc/multipath.conf"), conf);
            assertTrue(!MultipathConfig.usesPrkeysFile(tmp.resolve("etc")), conf);
        }
    }
}
