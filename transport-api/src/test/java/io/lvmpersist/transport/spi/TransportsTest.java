package io.lvmpersist.transport.spi;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Transport selection: explicit, and never a silent fallback to the simulator. */
class TransportsTest {
    private final List<String> asked = new ArrayList<>();

    private TransportProvider provider(String name, boolean simulated, String claims) {
        return provider(name, simulated, claims, Map.of());
    }

    /** A provider that claims the one path {@code claims} and defines the volume groups {@code vgs}. */
    private TransportProvider provider(String name, boolean simulated, String claims, Map<String, List<String>> vgs) {
        return new TransportProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean simulated() {
                return simulated;
            }

            @Override
            public Optional<DeviceMatch> match(String path, TransportContext context) {
                asked.add(name);
                return path.equals(claims)
                        ? Optional.of(new DeviceMatch(path, path, DeviceClass.SCSI, "id:" + path, name))
                        : Optional.empty();
            }

            @Override
            public PrDevice open(DeviceMatch match, TransportContext context) throws DeviceException {
                throw new DeviceException(match.path(), "opened by " + name, new Failure.DeviceError("x", ""));
            }

            @Override
            public Optional<List<String>> volumeGroupMembers(String vg, TransportContext context) {
                asked.add(name);
                return Optional.ofNullable(vgs.get(vg));
            }
        };
    }

    private final TransportContext real = new TransportContext(Path.of("/sys"), Duration.ofSeconds(5), Optional.empty());
    private final TransportContext simulated = real.withSimulator(
            new TransportContext.SimulatorBinding(Path.of("/tmp/san.state"), "hostA"));

    @Test
    void realDevicesNeverReachTheSimulator() {
        Transports transports = new Transports(List.of(provider("sim", true, "/dev/null"),
                provider("sgio", false, "/dev/sdb")), real);
        DeviceException e = assertThrows(DeviceException.class, () -> transports.match("/dev/null"));
        assertEquals("device type not supported for /dev/null. (not a SCSI disk, dm-multipath map or NVMe namespace)",
                e.getMessage());
        assertInstanceOf(Failure.NotSupported.class, e.failure());
        assertEquals(List.of("sgio"), asked, "the simulator is not even asked");
    }

    @Test
    void theSimulatorChosenExplicitlyIsTheOnlyOneAsked() throws Exception {
        Transports transports = new Transports(List.of(provider("sgio", false, "/dev/sdb"),
                provider("sim", true, "/dev/sdb")), simulated);
        assertEquals("sim", transports.match("/dev/sdb").provider());
        assertEquals(List.of("sim"), asked);
        DeviceException e = assertThrows(DeviceException.class, () -> transports.match("/dev/sdc"));
        assertEquals("device type not supported for /dev/sdc. (not a device of the simulated SAN /tmp/san.state)",
                e.getMessage());
    }

    @Test
    void aMissingRealPathIsNamed() {
        Transports transports = new Transports(List.of(provider("sgio", false, "/dev/sdb")), real);
        DeviceException e = assertThrows(DeviceException.class, () -> transports.match("/nonexistent/sdx"));
        assertEquals("device /nonexistent/sdx does not exist: check the path", e.getMessage());
    }

    @Test
    void theFirstClaimingProviderOpensTheDevice() throws Exception {
        Transports transports = new Transports(List.of(provider("nvme", false, "/dev/nvme0n1"),
                provider("sgio", false, "/dev/sdb")), real);
        DeviceMatch match = transports.match("/dev/sdb");
        assertEquals("sgio", match.provider());
        DeviceException e = assertThrows(DeviceException.class, () -> transports.open(match));
        assertEquals("opened by sgio", e.getMessage());
    }

    @Test
    void loadingFromTheClassPathFindsNoProviderInTheApiAlone() {
        assertEquals(List.of(), Transports.load(real).providers());
    }

    // Volume groups a provider defines itself (the simulator's) are found through the SPI, like devices.

    @Test
    void theChosenSimulatorAnswersForItsVolumeGroups() throws DeviceException {
        Transports transports = new Transports(List.of(
                provider("sgio", false, "", Map.of("vg0", List.of("/dev/sdb"))),
                provider("sim", true, "", Map.of("vg0", List.of("/dev/sim/vg0/pv2", "/dev/sim/vg0/pv1")))), simulated);
        assertEquals(Optional.of(List.of("/dev/sim/vg0/pv2", "/dev/sim/vg0/pv1")),
                transports.volumeGroupMembers("vg0"));
        assertEquals(Optional.empty(), transports.volumeGroupMembers("other"));
        assertEquals(List.of("sim", "sim"), asked, "real providers are not asked when the simulator was chosen");
    }

    @Test
    void withoutTheSimulatorItsVolumeGroupsAreNeverUsed() throws DeviceException {
        Transports transports = new Transports(List.of(
                provider("sim", true, "", Map.of("vg0", List.of("/dev/sim/vg0/pv1"))),
                provider("sgio", false, "", Map.of())), real);
        assertEquals(Optional.empty(), transports.volumeGroupMembers("vg0"));
        assertEquals(List.of("sgio"), asked);
    }

    @Test
    void providersThatDoNotDefineVolumeGroupsLeaveThemToLvm() throws DeviceException {
        TransportProvider plain = new TransportProvider() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public Optional<DeviceMatch> match(String path, TransportContext context) {
                return Optional.empty();
            }

            @Override
            public PrDevice open(DeviceMatch match, TransportContext context) throws DeviceException {
                throw new DeviceException(match.path(), "not opened", new Failure.DeviceError("x", ""));
            }
        };
        assertEquals(Optional.empty(), new Transports(List.of(plain), real).volumeGroupMembers("vg0"));
    }
}
