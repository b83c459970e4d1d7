package io.lvmpersist.transport.spi;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Volume groups a provider defines itself (the simulator's) are found through the SPI, like devices. */
class TransportsVolumeGroupTest {
    private final List<String> asked = new ArrayList<>();

    private TransportProvider provider(String name, boolean simulated, Map<String, List<String>> vgs) {
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
                return Optional.empty();
            }

            @Override
            public PrDevice open(DeviceMatch match, TransportContext context) throws DeviceException {
                throw new DeviceException(match.path(), "not opened", new Failure.DeviceError("x", ""));
            }

            @Override
            public Optional<List<String>> volumeGroupMembers(String vg, TransportContext context) {
                asked.add(name);
                return Optional.ofNullable(vgs.get(vg));
            }
        };
    }

    private final TransportContext real = TransportContext.system();
    private final TransportContext simulated = real.withSimulator(
            new TransportContext.SimulatorBinding(Path.of("/tmp/san.state"), "hostA"));

    @Test
    void theChosenSimulatorAnswersForItsVolumeGroups() throws DeviceException {
        Transports transports = new Transports(List.of(provider("sgio", false, Map.of("vg0", List.of("/dev/sdb"))),
                provider("sim", true, Map.of("vg0", List.of("/dev/sim/vg0/pv2", "/dev/sim/vg0/pv1")))), simulated);
        assertEquals(Optional.of(List.of("/dev/sim/vg0/pv2", "/dev/sim/vg0/pv1")),
                transports.volumeGroupMembers("vg0"));
        assertEquals(Optional.empty(), transports.volumeGroupMembers("other"));
        assertEquals(List.of("sim", "sim"), asked, "real providers are not asked when the simulator was chosen");
    }

    @Test
    void withoutTheSimulatorItsVolumeGroupsAreNeverUsed() throws DeviceException {
        Transports transports = new Transports(List.of(
                provider("sim", true, Map.of("vg0", List.of("/dev/sim/vg0/pv1"))), provider("sgio", false, Map.of())),
                real);
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
