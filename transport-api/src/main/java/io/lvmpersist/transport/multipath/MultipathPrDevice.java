package io.lvmpersist.transport.multipath;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceNotices;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A dm-multipath map seen as one device. Every path is its own I_T nexus, so:
 * <ul>
 *   <li>register and unregister go to <b>every</b> path, in parallel; a path that fails is reported
 *       (a notice), and the command still succeeds when at least one path carries the registration;</li>
 *   <li>reserve, release, clear, preempt and the reads go through <b>one</b> healthy path, trying the
 *       next path when one fails with a path-level error;</li>
 *   <li>read keys lists each key once (every path's registration shows the same key);</li>
 *   <li>a preempt of our own key (which removes the registrations of all our other paths)
 *       registers every path again right away.</li>
 * </ul>
 * Protocol-neutral: the paths are any {@link PrDevice}s (SG_IO paths, simulated nexuses).
 */
public final class MultipathPrDevice implements PrDevice, DeviceNotices {
    private final String path;
    private final List<PathHandle> paths;
    private final RegistrationHook hook;
    private final Set<String> notices = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<String> failedPaths = Collections.synchronizedSet(new LinkedHashSet<>());

    public MultipathPrDevice(String path, List<PathHandle> paths, RegistrationHook hook) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("multipath device " + path + " has no paths");
        }
        this.path = path;
        this.paths = List.copyOf(paths);
        this.hook = hook;
        for (PathHandle p : paths) {
            if (!p.usable()) {
                markFailed(p.name(), "cannot be opened: " + p.openFailure().message());
            }
        }
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public DeviceClass deviceClass() {
        return DeviceClass.MULTIPATH;
    }

    /** The paths, in sysfs order. */
    public List<String> pathNames() {
        return paths.stream().map(PathHandle::name).toList();
    }

    /** Paths that failed during this device's use. */
    public List<String> failedPaths() {
        return List.copyOf(failedPaths);
    }

    @Override
    public List<String> notices() {
        return List.copyOf(notices);
    }

    /** Adds a notice for the user (e.g. from the transport about multipathd's configuration). */
    public void notice(String text) {
        notices.add(text);
    }

    @Override
    public PrResult<Capabilities> capabilities() {
        return onePath(PrDevice::capabilities);
    }

    @Override
    public PrResult<KeyList> readKeys() {
        return onePath(PrDevice::readKeys)
                .map(keys -> new KeyList(keys.generation(), keys.keys().stream().distinct().toList()));
    }

    @Override
    public PrResult<Reservation> readReservation() {
        return onePath(PrDevice::readReservation);
    }

    @Override
    public PrResult<Done> register(ReservationKey currentKey, ReservationKey newKey, boolean ignoreExisting,
                                   boolean persistThroughPowerLoss) {
        List<PrResult<Done>> results = onEveryPath(
                p -> p.register(currentKey, newKey, ignoreExisting, persistThroughPowerLoss));
        PrResult<Done> outcome = combine("register " + newKey, results, false);
        if (outcome.isOk()) {
            hook.registered(newKey, persistThroughPowerLoss).ifPresent(this::notice);
        }
        return outcome;
    }

    @Override
    public PrResult<Done> unregister(ReservationKey currentKey) {
        // A path that was never registered answers RESERVATION CONFLICT: that path is already done.
        List<PrResult<Done>> results = onEveryPath(p -> p.unregister(currentKey));
        PrResult<Done> outcome = combine("unregister " + currentKey, results, true);
        if (outcome.isOk()) {
            hook.unregistered(currentKey).ifPresent(this::notice);
        }
        return outcome;
    }

    @Override
    public PrResult<Done> reserve(ReservationKey key, ReservationType type) {
        return onePath(p -> p.reserve(key, type));
    }

    @Override
    public PrResult<Done> release(ReservationKey key, ReservationType type) {
        return onePath(p -> p.release(key, type));
    }

    @Override
    public PrResult<Done> clear(ReservationKey key) {
        PrResult<Done> cleared = onePath(p -> p.clear(key));
        if (cleared.isOk()) {
            hook.unregistered(key).ifPresent(this::notice);
        }
        return cleared;
    }

    @Override
    public PrResult<Done> preempt(ReservationKey key, ReservationKey victim, ReservationType type, boolean abort) {
        PrResult<Done> result = onePath(p -> p.preempt(key, victim, type, abort));
        if (result.isOk() && victim.equals(key)) {
            // Preempting our own key removed the registrations of our other paths (fence_scsi PR #594), and
            // under an all-registrants reservation SPC-4 removes the issuing path's too: register them again.
            for (PathHandle p : paths) {
                if (p.usable() && !failedPaths.contains(p.name())) {
                    PrResult<Done> again = p.device().register(ReservationKey.NONE, key, true, false);
                    if (again.failureOrNull() != null) {
                        markFailed(p.name(), "re-register after self-preempt failed: "
                                + again.failureOrNull().message());
                    }
                }
            }
        }
        return result;
    }

    @Override
    public void close() {
        for (PathHandle p : paths) {
            if (p.usable()) {
                p.device().close();
            }
        }
    }

    /** Sends through the first healthy path; moves on when a path fails at the path level. */
    private <T> PrResult<T> onePath(Function<PrDevice, PrResult<T>> command) {
        PrResult<T> last = null;
        for (PathHandle p : paths) {
            if (!p.usable() || failedPaths.contains(p.name())) {
                continue;
            }
            PrResult<T> result = command.apply(p.device());
            Failure failure = result.failureOrNull();
            if (failure == null || !isPathFailure(failure)) {
                return result;
            }
            markFailed(p.name(), failure.message());
            last = result;
        }
        if (last != null) {
            return last;
        }
        return PrResult.failed(new Failure.DeviceError("no usable path to " + path + " (failed: "
                + String.join(", ", failedPaths) + ")", "no path"));
    }

    private List<PrResult<Done>> onEveryPath(Function<PrDevice, PrResult<Done>> command) {
        List<PrResult<Done>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PrResult<Done>>> futures = new ArrayList<>();
            for (PathHandle p : paths) {
                futures.add(p.usable() ? executor.submit(() -> command.apply(p.device())) : null);
            }
            for (int i = 0; i < paths.size(); i++) {
                PathHandle p = paths.get(i);
                results.add(futures.get(i) == null ? PrResult.failed(p.openFailure()) : join(futures.get(i)));
            }
        }
        return results;
    }

    /**
     * One result for a command sent to every path: success when at least one path succeeded (the
     * others are reported); with {@code conflictMeansDone}, a path answering RESERVATION CONFLICT
     * counts as done (unregistering a path that holds no registration).
     */
    private PrResult<Done> combine(String what, List<PrResult<Done>> results, boolean conflictMeansDone) {
        List<String> carriedBy = new ArrayList<>();
        Failure first = null;
        for (int i = 0; i < results.size(); i++) {
            Failure failure = results.get(i).failureOrNull();
            if (failure == null || (conflictMeansDone && failure instanceof Failure.ReservationConflict)) {
                carriedBy.add(paths.get(i).name());
            } else if (first == null
                    || (failure instanceof Failure.ReservationConflict && !(first instanceof Failure.ReservationConflict))) {
                first = failure;   // a conflict says more than a path error
            }
        }
        if (carriedBy.isEmpty()) {
            return PrResult.failed(first);
        }
        for (int i = 0; i < results.size(); i++) {
            Failure failure = results.get(i).failureOrNull();
            if (paths.get(i).usable() && failure != null && !(conflictMeansDone && failure instanceof Failure.ReservationConflict)) {
                markFailed(paths.get(i).name(), what + " failed: " + failure.message()
                        + "; done on " + String.join(", ", carriedBy));
            }
        }
        return PrResult.done();
    }

    private void markFailed(String pathName, String why) {
        failedPaths.add(pathName);
        notices.add("path " + pathName + " of " + path + ": " + why);
    }

    /** Failures that say "this path" rather than "this command": try another path. */
    private static boolean isPathFailure(Failure failure) {
        return failure instanceof Failure.DeviceError || failure instanceof Failure.Timeout
                || failure instanceof Failure.Retryable;
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a path", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("path command failed unexpectedly", e.getCause());
        }
    }
}
