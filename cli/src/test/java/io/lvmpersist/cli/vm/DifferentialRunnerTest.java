package io.lvmpersist.cli.vm;

import io.lvmpersist.cli.engine.LoggingDevice;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.sim.Faults;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential runner that runs in the VM, checked on the host with a second simulator standing
 * in for the real target: identical targets agree on every step, and a target that behaves
 * differently (here: it refuses the WE type) is caught.
 */
class DifferentialRunnerTest {

    private static PrDevice[] target(Personality personality, Faults faults) throws Exception {
        SimSan san = SimSan.inMemory();
        san.createLun("t", personality, personality == Personality.NVME ? DeviceClass.NVME : DeviceClass.SCSI);
        san.bind("/dev/t", "t");
        san.setFaults("t", faults);
        return new PrDevice[]{new LoggingDevice(san.device("/dev/t", "A")), new LoggingDevice(san.device("/dev/t", "B"))};
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void identicalTargetsAgreeOnEveryStep(Personality personality) throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            PrDevice[] twin = target(personality, Faults.NONE);
            assertEquals(0, DifferentialMain.run(seed, 150, personality, twin[0], twin[1]), "seed " + seed);
        }
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void aTargetThatBehavesDifferentlyIsCaught(Personality personality) throws Exception {
        PrDevice[] odd = target(personality, Faults.builder().unsupportedTypes(Set.of(ReservationType.WE)).build());
        assertTrue(DifferentialMain.run(3, 150, personality, odd[0], odd[1]) > 0);
    }
}
