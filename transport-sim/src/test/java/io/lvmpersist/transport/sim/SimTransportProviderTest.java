package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.TransportProvider;
import io.lvmpersist.transport.spi.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimTransportProviderTest {
    @TempDir
    Path dir;

    private TransportContext context(Path file, String host) {
        return TransportContext.system().withSimulator(new TransportContext.SimulatorBinding(file, host));
    }

    @Test
    void claimsBoundPathsOnlyWhenTheSimulatorWasChosen() throws DeviceException {
        Path file = dir.resolve("san.state");
        SimSan san = SimSan.open(file);
        san.createLun("mp0", Personality.SCSI, DeviceClass.MULTIPATH);
        san.bind("/dev/loop3", "mp0");
        SimTransportProvider provider = new SimTransportProvider();
        assertEquals("sim", provider.name());
        assertTrue(provider.simulated());

        assertEquals(Optional.empty(), provider.match("/dev/loop3", TransportContext.system()));
        assertEquals(Optional.empty(), provider.match("/dev/loop4", context(file, "h1")));
        assertEquals(Optional.of(new DeviceMatch("/dev/loop3", "/dev/loop3", DeviceClass.MULTIPATH, "sim:mp0", "sim",
                "mp0")),
                provider.match("/dev/loop3", context(file, "h1")));
    }

    @Test
    void opensTheDeviceAsTheBindingsHost() throws DeviceException {
        Path file = dir.resolve("san.state");
        SimSan.open(file).createVolumeGroup("vg", 1, Personality.NVME);
        TransportContext ctx = context(file, "node-a");
        SimTransportProvider provider = new SimTransportProvider();
        DeviceMatch match = provider.match("/dev/sim/vg/pv1", ctx).orElseThrow();
        try (PrDevice device = provider.open(match, ctx)) {
            assertEquals(DeviceClass.NVME, device.deviceClass());
            assertTrue(device.register(ReservationKey.NONE, ReservationKey.of(7), true, false).isOk());
        }
        assertEquals(Optional.of(ReservationKey.of(7)), SimSan.open(file).registeredKey("/dev/sim/vg/pv1", "node-a"));
    }

    @Test
    void opensTheLuItMatchedWithoutLookingThePathUpAgain() throws DeviceException {
        Path file = dir.resolve("san.state");
        SimSan san = SimSan.open(file);
        san.createVolumeGroup("vg", 1, Personality.SCSI);
        san.createLun("other", Personality.SCSI, DeviceClass.SCSI);
        TransportContext ctx = context(file, "node-a");
        SimTransportProvider provider = new SimTransportProvider();
        DeviceMatch match = provider.match("/dev/sim/vg/pv1", ctx).orElseThrow();
        san.bind("/dev/sim/vg/pv1", "other");   // rebound after the command claimed it: it acts on what it claimed
        try (PrDevice device = provider.open(match, ctx)) {
            assertEquals(DeviceClass.SCSI, device.deviceClass());
            assertTrue(device.register(ReservationKey.NONE, ReservationKey.of(7), true, false).isOk());
        }
        san.bind("/dev/check", "vg-pv1");
        assertEquals(Optional.of(ReservationKey.of(7)), san.registeredKey("/dev/check", "node-a"));
        assertEquals(Optional.empty(), san.registeredKey("/dev/sim/vg/pv1", "node-a"));
    }

    @Test
    void refusesToOpenADeviceAnotherProviderMatched() {
        Path file = dir.resolve("san.state");
        SimSan.open(file).createVolumeGroup("vg", 1, Personality.SCSI);
        DeviceMatch scsi = new DeviceMatch("/dev/sdb", "/dev/sdb", DeviceClass.SCSI, "naa.5001405c", "sgio");
        DeviceException e = assertThrows(DeviceException.class,
                () -> new SimTransportProvider().open(scsi, context(file, "node-a")));
        assertTrue(e.getMessage().contains("/dev/sdb was not matched as a simulated device"), e.getMessage());
    }

    @Test
    void isFoundThroughTheServiceLoader() throws DeviceException {
        Path file = dir.resolve("san.state");
        SimSan.open(file).createVolumeGroup("vg", 1, Personality.SCSI);
        Transports transports = Transports.load(context(file, "h1"));
        assertTrue(transports.providers().stream().map(TransportProvider::name).anyMatch("sim"::equals));
        DeviceMatch match = transports.match("/dev/sim/vg/pv1");
        assertEquals("sim:vg-pv1", match.identity());
        assertThrows(DeviceException.class, () -> transports.match("/dev/sim/vg/pv9"));
    }

    @Test
    void aCorruptStateFileIsADeviceException() throws Exception {
        Path file = dir.resolve("bad.state");
        java.nio.file.Files.writeString(file, "not a state file\n");
        DeviceException e = assertThrows(DeviceException.class,
                () -> new SimTransportProvider().match("/dev/sim/vg/pv1", context(file, "h1")));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }
}
