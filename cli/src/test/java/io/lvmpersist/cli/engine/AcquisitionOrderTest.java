package io.lvmpersist.cli.engine;

import io.lvmpersist.cli.devices.DeviceSet;
import io.lvmpersist.cli.devices.Target;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.spi.DeviceMatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The order devices are acquired in depends on what every host sees, not on how this host named them. */
class AcquisitionOrderTest {

    private static Target target(String path, String sharedId) {
        return new Target(path, new DeviceMatch(path, path, DeviceClass.SCSI, "8:" + path.length(), "sgio", sharedId));
    }

    private static List<String> orderedShared(List<Target> targets) {
        Session session = new Session(null, null, new DeviceSet(targets, List.of()));
        return session.acquisitionOrder().stream().map(i -> targets.get(i).match().sharedId()).toList();
    }

    @Property
    void everyHostPicksTheSameOrderHoweverItNamesAndListsTheDevices(@ForAll @IntRange(min = 1, max = 8) int devices,
                                                                     @ForAll long seed) {
        List<String> wwids = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            wwids.add("36001405" + Integer.toHexString(0x1000 + d * 7919 % 4096));
        }
        Random random = new Random(seed);
        List<List<String>> orders = new ArrayList<>();
        for (int host = 0; host < 3; host++) {
            List<Target> targets = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                targets.add(target("/dev/sd" + (char) ('a' + random.nextInt(26)) + d, wwids.get(d)));
            }
            Collections.shuffle(targets, random);
            orders.add(orderedShared(targets));
        }
        assertEquals(orders.get(0), orders.get(1));
        assertEquals(orders.get(0), orders.get(2));
        assertEquals(wwids.stream().sorted().toList(), orders.getFirst());
    }

    @Property
    void devicesWithoutASharedIdComeLastInTheirResolvedOrder(@ForAll @IntRange(min = 0, max = 4) int without) {
        List<Target> targets = new ArrayList<>();
        for (int d = 0; d < without; d++) {
            targets.add(target("/dev/x" + d, ""));
        }
        targets.add(target("/dev/b", "3b"));
        targets.add(target("/dev/a", "3a"));
        Session session = new Session(null, null, new DeviceSet(targets, List.of()));
        List<String> paths = session.acquisitionOrder().stream().map(i -> targets.get(i).path()).toList();
        List<String> expected = new ArrayList<>(List.of("/dev/a", "/dev/b"));
        for (int d = 0; d < without; d++) {
            expected.add("/dev/x" + d);
        }
        assertEquals(expected, paths);
    }
}
