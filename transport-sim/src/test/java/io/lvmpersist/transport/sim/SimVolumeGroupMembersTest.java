package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.spi.TransportContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sim provider lists the simulated SAN's volume groups through the SPI (the CLI imports no sim class). */
class SimVolumeGroupMembersTest {
    @TempDir
    Path dir;

    private TransportContext context(Path file) {
        return TransportContext.system().withSimulator(new TransportContext.SimulatorBinding(file, "h1"));
    }

    @Test
    void listsTheVgsPvsInOrderOnlyWhenTheSimulatorWasChosen() throws DeviceException {
        Path file = dir.resolve("san.state");
        List<String> pvs = SimSan.open(file).createVolumeGroup("vg0", 3, Personality.NVME);
        SimTransportProvider provider = new SimTransportProvider();
        assertEquals(Optional.of(pvs), provider.volumeGroupMembers("vg0", context(file)));
        assertEquals(Optional.empty(), provider.volumeGroupMembers("vg1", context(file)));
        assertEquals(Optional.empty(), provider.volumeGroupMembers("vg0", TransportContext.system()));
    }

    @Test
    void anUnreadableSanIsADeviceErrorThatNamesIt() throws Exception {
        Path file = dir.resolve("san.state");
        Files.writeString(file, "root:SECRET-CONTENT:0\n");   // its text must not be echoed
        DeviceException e = assertThrows(DeviceException.class,
                () -> new SimTransportProvider().volumeGroupMembers("vg0", context(file)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("SECRET"), "nothing of the file is quoted: " + e.getMessage());
    }
}
