package io.lvmpersist.cli.devices;

import io.lvmpersist.cli.CommandFailedException;
import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.command.Invocation;
import io.lvmpersist.cli.engine.Parallel;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The devices a command acts on: {@code --device} paths in the order given, or the PVs of
 * {@code --vg} (from a transport that defines the VG itself, i.e. the simulated SAN, else from LVM).
 * With both, {@code --vg} only names the group in messages, as in lvmpersist ({@link #scopeNotice}).
 * Each path is claimed by a transport (sysfs decides, not the path); two paths to the same device are
 * acted on once.
 */
public record DeviceSet(List<Target> targets, List<String> missingPvs) {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSet.class);

    public static DeviceSet resolve(Invocation invocation, Transports transports, Map<String, String> environment)
            throws CommandFailedException {
        List<String> paths;
        List<String> missing = List.of();
        if (!invocation.devices().isEmpty()) {
            paths = invocation.devices();
        } else {
            LvmVolumeGroup.Members members = transportVg(invocation, transports).orElse(null);
            if (members == null) {
                members = new LvmVolumeGroup(environment).members(invocation.vg());
            }
            paths = members.present();
            missing = members.missing();
        }
        if (paths.isEmpty()) {
            throw new CommandFailedException(ExitCode.DEVICE, missing.isEmpty()
                    ? "Missing required --vg or --device."
                    : "No devices of VG " + invocation.vg() + " are present (" + missing.size() + " missing).");
        }
        return new DeviceSet(claim(paths, transports), missing);
    }

    /**
     * With {@code --vg} and {@code --device}, the line that says which devices are acted on: the {@code --device}
     * list, not the PVs of the VG (which are not looked up), so a user cannot believe the whole VG was covered.
     */
    public static Optional<String> scopeNotice(Invocation invocation) {
        if (invocation.vg() == null || invocation.devices().isEmpty()) {
            return Optional.empty();
        }
        int count = invocation.devices().size();
        return Optional.of("--vg " + invocation.vg() + " only names the group: acting on the " + count
                + (count == 1 ? " --device path" : " --device paths") + " given, not on the PVs of that VG"
                + " (omit --device to act on all of its PVs).");
    }

    private static Optional<LvmVolumeGroup.Members> transportVg(Invocation invocation, Transports transports)
            throws CommandFailedException {
        try {
            return transports.volumeGroupMembers(invocation.vg())
                    .map(pvs -> new LvmVolumeGroup.Members(pvs, List.of()));
        } catch (DeviceException e) {
            throw new CommandFailedException(ExitCode.DEVICE, e.getMessage());
        }
    }

    /** One path's classification: the transport's match, or why no transport can use it. */
    private record Claim(String path, DeviceMatch match, DeviceException error) {
    }

    private static List<Target> claim(List<String> paths, Transports transports) throws CommandFailedException {
        // Classifying reads sysfs (or the simulated catalog) for each path: all paths at once, results in order.
        List<Claim> claims = Parallel.map(paths, path -> {
            try {
                return new Claim(path, transports.match(path), null);
            } catch (DeviceException e) {
                return new Claim(path, null, e);
            }
        });
        Map<String, Target> byIdentity = new LinkedHashMap<>();
        // A set: one cause shared by every path (an unreadable simulated SAN) is said once, not once per path.
        Set<String> errors = new LinkedHashSet<>();
        for (Claim claim : claims) {
            if (claim.error() != null) {
                errors.add(claim.error().getMessage());
                continue;
            }
            Target previous = byIdentity.putIfAbsent(claim.match().identity(), new Target(claim.path(), claim.match()));
            if (previous != null) {
                LOG.info("{} is the same device as {}; acting on it once.", claim.path(), previous.path());
            }
        }
        if (!errors.isEmpty()) {
            throw new CommandFailedException(ExitCode.DEVICE, List.copyOf(errors));
        }
        return List.copyOf(byIdentity.values());
    }
}
