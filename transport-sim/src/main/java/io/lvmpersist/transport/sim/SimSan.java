package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.multipath.MultipathPrDevice;
import io.lvmpersist.transport.multipath.PathHandle;
import io.lvmpersist.transport.multipath.RegistrationHook;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.ReservationKey;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A simulated SAN: LUs with a SCSI or NVMe personality, device paths bound to them, and volume groups.
 *
 * <p>Held in memory ({@link #inMemory()}) or in state files shared by processes ({@link #open(Path)}); every
 * PR command is one transaction on its LU (commands to different LUs run side by side), every admin call one
 * transaction on what it touches. Each {@link PrDevice} from
 * {@link #device} acts as one host; several processes with different host names act as different hosts on
 * the same SAN. Thread-safe.
 */
public final class SimSan {
    private final SanStore store;

    private SimSan(SanStore store) {
        this.store = store;
    }

    /**
     * A SAN in the state file {@code stateFile}, created (empty) when missing. Its directory must exist.
     *
     * @throws SanFileException when the file cannot be read or written, is a symbolic link, is not a state file
     *                          (the message quotes nothing of it) or is corrupt (the message names the line)
     */
    public static SimSan open(Path stateFile) {
        SimSan san = new SimSan(new FileStore(stateFile));
        san.store.inspect(state -> null);
        return san;
    }

    /** An empty SAN that lives in this JVM only. */
    public static SimSan inMemory() {
        return new SimSan(new MemoryStore());
    }

    /** The state file, or "in-memory". */
    public String location() {
        return store.location();
    }

    /**
     * Creates {@code pvCount} LUs {@code <vg>-pv<N>} bound to {@code /dev/sim/<vg>/pv<N>} (N from 1) and the
     * volume group listing them.
     *
     * @return the PV paths in order
     * @throws IllegalArgumentException when the VG or one of the LUs already exists
     */
    public List<String> createVolumeGroup(String vg, int pvCount, Personality personality) {
        return createVolumeGroup(vg, pvCount, personality,
                personality == Personality.NVME ? DeviceClass.NVME : DeviceClass.SCSI);
    }

    /**
     * Like {@link #createVolumeGroup(String, int, Personality)} with SCSI LUs reported as dm-multipath maps:
     * each host reaches each LU through {@code pathsPerHost} paths, each its own I_T nexus.
     */
    public List<String> createMultipathVolumeGroup(String vg, int pvCount, int pathsPerHost) {
        List<String> pvs = createVolumeGroup(vg, pvCount, Personality.SCSI, DeviceClass.MULTIPATH);
        for (int n = 1; n <= pvCount; n++) {
            setPathCount(vg + "-pv" + n, pathsPerHost);
        }
        return pvs;
    }

    private List<String> createVolumeGroup(String vg, int pvCount, Personality personality, DeviceClass deviceClass) {
        SanStateCodec.checkName("VG name", vg);
        if (pvCount < 1) {
            throw new IllegalArgumentException("a volume group needs at least one PV, not " + pvCount);
        }
        return store.transact(state -> {
            if (state.volumeGroups.containsKey(vg)) {
                throw new IllegalArgumentException("volume group " + vg + " already exists in " + location());
            }
            List<String> paths = new ArrayList<>();
            for (int n = 1; n <= pvCount; n++) {
                String lunId = vg + "-pv" + n;
                if (state.luns.containsKey(lunId)) {
                    throw new IllegalArgumentException("LU " + lunId + " already exists in " + location());
                }
                paths.add("/dev/sim/" + vg + "/pv" + n);
            }
            for (int n = 1; n <= pvCount; n++) {
                String lunId = vg + "-pv" + n;
                state.luns.put(lunId, newLun(lunId, personality, deviceClass));
                state.paths.put(paths.get(n - 1), lunId);
            }
            state.volumeGroups.put(vg, List.copyOf(paths));
            return List.copyOf(paths);
        });
    }

    /** The paths of a multipath LU: how many each host has, and which are down. */
    public record PathState(int count, java.util.SortedSet<Integer> down) {
        public boolean up(int path) {
            return path >= 1 && path <= count && !down.contains(path);
        }
    }

    /** Sets how many paths each host has to a multipath LU (adding a path: the new nexus is unregistered). */
    public void setPathCount(String lunId, int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("a multipath LU needs 1 to 64 paths, not " + count);
        }
        store.transactLun(lunId, found -> {
            Lun lun = existing(found, lunId);
            if (lun.deviceClass != DeviceClass.MULTIPATH) {
                throw new IllegalArgumentException("LU " + lunId + " is not a multipath map");
            }
            lun.pathCount = count;
            lun.downPaths.removeIf(p -> p > count);
            return null;
        });
    }

    /** Takes path {@code path} (1-based) of a multipath LU down, or reinstates it. Registrations are kept. */
    public void setPathDown(String lunId, int path, boolean down) {
        store.transactLun(lunId, found -> {
            Lun lun = existing(found, lunId);
            if (path < 1 || path > lun.pathCount) {
                throw new IllegalArgumentException("LU " + lunId + " has no path " + path + " (it has "
                        + lun.pathCount + ")");
            }
            if (down) {
                lun.downPaths.add(path);
            } else {
                lun.downPaths.remove(path);
            }
            return null;
        });
    }

    public PathState pathState(String lunId) {
        return store.transactLun(lunId, found -> {
            Lun lun = existing(found, lunId);
            return new PathState(lun.pathCount, new java.util.TreeSet<>(lun.downPaths));
        });
    }

    /**
     * Creates an LU. SCSI LUs may be reported as {@link DeviceClass#SCSI} or {@link DeviceClass#MULTIPATH} (a
     * simulated dm-multipath map); NVMe namespaces as {@link DeviceClass#NVME}.
     *
     * @throws IllegalArgumentException when it exists or the class does not fit the personality
     */
    public void createLun(String lunId, Personality personality, DeviceClass deviceClass) {
        SanStateCodec.checkName("LU id", lunId);
        boolean fits = personality == Personality.NVME ? deviceClass == DeviceClass.NVME
                : deviceClass != DeviceClass.NVME;
        if (!fits) {
            throw new IllegalArgumentException("a " + personality + " LU cannot be reported as " + deviceClass);
        }
        store.transact(state -> {
            if (state.luns.containsKey(lunId)) {
                throw new IllegalArgumentException("LU " + lunId + " already exists in " + location());
            }
            state.luns.put(lunId, newLun(lunId, personality, deviceClass));
            return null;
        });
    }

    /** Binds {@code devicePath} (any string, e.g. {@code /dev/loop3}) to an LU, replacing an earlier binding. */
    public void bind(String devicePath, String lunId) {
        SanStateCodec.checkName("device path", devicePath);
        store.transact(state -> {
            lun(state, lunId);
            state.paths.put(devicePath, lunId);
            return null;
        });
    }

    /** The PV paths of a volume group, in order. */
    public Optional<List<String>> volumeGroup(String vg) {
        return store.inspect(state -> Optional.ofNullable(state.volumeGroups.get(vg)));
    }

    public List<String> volumeGroups() {
        return store.inspect(state -> List.copyOf(state.volumeGroups.keySet()));
    }

    /** The LU a device path is bound to. */
    public Optional<String> lunOf(String devicePath) {
        return store.inspect(state -> Optional.ofNullable(state.paths.get(devicePath)));
    }

    /** The LU bound to {@code devicePath} and the class it reports, read together (one look at the state). */
    public Optional<Map.Entry<String, DeviceClass>> binding(String devicePath) {
        return store.inspect(state -> Optional.ofNullable(state.paths.get(devicePath))
                .map(id -> Map.entry(id, state.luns.get(id).deviceClass)));
    }

    /**
     * The device at {@code devicePath} as seen by {@code host}.
     *
     * @throws DeviceException when the path is not bound to an LU of this SAN
     */
    public PrDevice device(String devicePath, String host) throws DeviceException {
        SanStateCodec.checkName("host", host);
        Optional<Lun> lun = store.inspect(state -> Optional.ofNullable(state.paths.get(devicePath))
                .map(state.luns::get));
        if (lun.isEmpty()) {
            throw new DeviceException(devicePath, "device " + devicePath + " is not bound to an LU of the simulated SAN "
                    + location() + ": bind it or create a volume group first",
                    new Failure.DeviceError("no such simulated device", "unbound"));
        }
        Lun l = lun.get();
        return device(l.id, l.deviceClass, devicePath, host);
    }

    /**
     * The device of LU {@code lunId}, reported as {@code deviceClass}, at {@code devicePath} as seen by {@code host},
     * without looking the path up in the catalog again: for a caller that has just done so (the transport provider
     * opens what it matched). The personality follows from the class (NVMe namespaces are reported as NVMe only).
     * When the LU no longer exists, its commands fail as device errors.
     */
    PrDevice device(String lunId, DeviceClass deviceClass, String devicePath, String host) {
        SanStateCodec.checkName("host", host);
        if (deviceClass == DeviceClass.MULTIPATH) {
            return multipath(lunId, devicePath, host);
        }
        return deviceClass == DeviceClass.NVME ? new SimNvmeDevice(this, lunId, devicePath, host)
                : new SimScsiDevice(this, lunId, devicePath, host, deviceClass);
    }

    /** A simulated dm-multipath map: one SCSI nexus per path, driven like a real map. */
    private PrDevice multipath(String lunId, String devicePath, String host) {
        PathState state = pathState(lunId);
        List<PathHandle> handles = new ArrayList<>();
        for (int p = 1; p <= state.count(); p++) {
            String name = devicePath + "@path" + p;
            handles.add(PathHandle.open(name, new SimPathDevice(this, lunId, p,
                    new SimScsiDevice(this, lunId, name, Lun.nexus(host, p), DeviceClass.SCSI))));
        }
        return new MultipathPrDevice(devicePath, handles, RegistrationHook.NONE);
    }

    /** Replaces the fault knobs of an LU and restarts its command count (for {@link Faults#failNth()}). */
    public void setFaults(String lunId, Faults faults) {
        Objects.requireNonNull(faults, "faults");
        store.transactLun(lunId, found -> {
            Lun lun = existing(found, lunId);
            lun.faults = faults;
            lun.commandsSinceFaults = 0;
            return null;
        });
    }

    public Faults faults(String lunId) {
        return store.transactLun(lunId, lun -> existing(lun, lunId).faults);
    }

    /** The key {@code host} is registered with on the LU behind {@code devicePath}, if any. */
    public Optional<ReservationKey> registeredKey(String devicePath, String host) {
        String lunId = lunIdAt(devicePath);
        return store.transactLun(lunId, lun -> existing(lun, lunId).pr.keyOf(host).map(ReservationKey::of));
    }

    /** Whether {@code host} may write the medium behind {@code devicePath} now (SPC-4 / NVMe access rules). */
    public boolean canWrite(String devicePath, String host) {
        String lunId = lunIdAt(devicePath);
        return store.transactLun(lunId, found -> access(existing(found, lunId), host, true));
    }

    /** Whether {@code host} may read the medium behind {@code devicePath} now. */
    public boolean canRead(String devicePath, String host) {
        String lunId = lunIdAt(devicePath);
        return store.transactLun(lunId, found -> access(existing(found, lunId), host, false));
    }

    /**
     * Access of {@code host}; on a multipath LU its I/O may go through any path that is up, so every such
     * path's nexus must be allowed (and at least one path must be up).
     */
    private static boolean access(Lun lun, String host, boolean write) {
        if (lun.deviceClass != DeviceClass.MULTIPATH) {
            return write ? lun.pr.canWrite(host) : lun.pr.canRead(host);
        }
        boolean anyUp = false;
        for (int p = 1; p <= lun.pathCount; p++) {
            if (lun.downPaths.contains(p)) {
                continue;
            }
            anyUp = true;
            String nexus = Lun.nexus(host, p);
            if (!(write ? lun.pr.canWrite(nexus) : lun.pr.canRead(nexus))) {
                return false;
            }
        }
        return anyUp;
    }

    /** A multi-line human summary: LUs with paths, keys per host, reservation, generation, faults; VGs. */
    public String describe() {
        return store.transact(state -> {
            StringBuilder out = new StringBuilder("Simulated SAN " + location() + "\n");
            if (state.luns.isEmpty()) {
                out.append("  (no LUs)\n");
            }
            for (Lun lun : state.luns.values()) {
                describeLun(state, lun, out);
            }
            state.volumeGroups.forEach((vg, pvs) -> out.append("VG ").append(vg).append(": ")
                    .append(String.join(" ", pvs)).append('\n'));
            return out.toString();
        });
    }

    private static void describeLun(SanState state, Lun lun, StringBuilder out) {
        PrState pr = lun.pr;
        out.append("LU ").append(lun.id).append(" (").append(lun.personality).append(", reported as ")
                .append(lun.deviceClass).append("): generation ").append(pr.generation())
                .append(pr.ptpl() ? ", PTPL on" : "").append('\n');
        List<String> paths = state.paths.entrySet().stream().filter(e -> e.getValue().equals(lun.id))
                .map(Map.Entry::getKey).toList();
        if (!paths.isEmpty()) {
            out.append("  paths: ").append(String.join(" ", paths)).append('\n');
        }
        if (lun.deviceClass == DeviceClass.MULTIPATH) {
            out.append("  multipath: ").append(lun.pathCount).append(" paths per host")
                    .append(lun.downPaths.isEmpty() ? "" : ", down: " + lun.downPaths).append('\n');
        }
        if (!lun.faults.equals(Faults.NONE)) {
            out.append("  faults: ").append(lun.faults).append('\n');
        }
        if (pr.registrations().isEmpty()) {
            out.append("  no registrations\n");
        }
        pr.registrations().forEach((host, key) -> out.append("  host ").append(host).append(": key ")
                .append(ReservationKey.of(key)).append(pr.isHolder(host) ? " (holder)" : "").append('\n'));
        out.append("  reservation: ").append(pr.type().map(t -> t.name() + " (" + t.description() + ")"
                + pr.holder().filter(h -> !t.isAllRegistrants()).map(h -> " held by " + h).orElse(""))
                .orElse("none")).append('\n');
        pr.unitAttentions().forEach((host, uas) -> out.append("  pending unit attention for ").append(host)
                .append(": ").append(uas.stream().map(SanStateCodec::uaCode).collect(Collectors.joining(" ")))
                .append('\n'));
    }

    /**
     * Runs one PR command against an LU: counts it for scheduled failures, fails it without executing when the
     * fault says so, else executes it; then sleeps the LU's latency outside every lock, so commands to different
     * LUs from parallel threads overlap.
     */
    <T> PrResult<T> execute(String lunId, Function<Lun, PrResult<T>> command) {
        Executed<T> executed;
        try {
            executed = transactCommand(lunId, command);
        } catch (UncheckedIOException | IllegalStateException e) {
            // The state file is the "device" here: its failures are device errors, not exceptions.
            return PrResult.failed(new Failure.DeviceError(e.getMessage(), "simulated SAN " + location()));
        }
        sleep(executed.latency());
        return executed.result();
    }

    private <T> Executed<T> transactCommand(String lunId, Function<Lun, PrResult<T>> command) {
        return store.transactLun(lunId, lun -> {
            if (lun == null) {
                return new Executed<T>(PrResult.failed(new Failure.DeviceError(
                        "simulated LU " + lunId + " no longer exists", "gone")), Duration.ZERO);
            }
            Faults faults = lun.faults;
            if (faults.failNth() > 0) {
                lun.commandsSinceFaults++;
                if (faults.failsCommand(lun.commandsSinceFaults)) {
                    return new Executed<T>(PrResult.failed(injected(lun, faults)), faults.latency());
                }
            }
            return new Executed<>(command.apply(lun), faults.latency());
        });
    }

    private record Executed<T>(PrResult<T> result, Duration latency) {
    }

    private static Failure injected(Lun lun, Faults faults) {
        if (faults.failKind() == FailureKind.TIMEOUT) {
            return new Failure.Timeout(faults.timeoutAfter(), "injected timeout");
        }
        return switch (lun.personality) {
            case SCSI -> StatusMapping.scsi(StatusMapping.scsiInjected(faults.failKind()), false).orElseThrow();
            case NVME -> StatusMapping.nvme(StatusMapping.nvmeInjected(faults.failKind()), 0).orElseThrow();
        };
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            // The command already executed; keep its result and let the caller see the interrupt.
            Thread.currentThread().interrupt();
        }
    }

    private static Lun newLun(String id, Personality personality, DeviceClass deviceClass) {
        return new Lun(id, personality, deviceClass, Faults.NONE, new PrState());
    }

    private Lun lun(SanState state, String lunId) {
        Lun lun = state.luns.get(lunId);
        if (lun == null) {
            throw new IllegalArgumentException("no LU " + lunId + " in simulated SAN " + location());
        }
        return lun;
    }

    private Lun existing(Lun lun, String lunId) {
        if (lun == null) {
            throw new IllegalArgumentException("no LU " + lunId + " in simulated SAN " + location());
        }
        return lun;
    }

    private String lunIdAt(String devicePath) {
        String lunId = store.inspect(state -> state.paths.get(devicePath));
        if (lunId == null) {
            throw new IllegalArgumentException(devicePath + " is not bound in simulated SAN " + location());
        }
        return lunId;
    }
}
