package io.lvmpersist.cli.engine;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Logs every operation on a device and its decoded result at DEBUG (what {@code --debug} shows), and
 * nothing else: it never sends a command again. Resending a command the device did not execute is the
 * transports' job, each by its own protocol's rules (docs/transport-sgio.md, docs/transport-nvme.md);
 * a second layer here multiplied their attempts (a persistent UNIT ATTENTION went out 36 times).
 */
public final class LoggingDevice implements PrDevice {
    private static final Logger LOG = LoggerFactory.getLogger("io.lvmpersist.commands");

    private final PrDevice device;

    public LoggingDevice(PrDevice device) {
        this.device = device;
    }

    // The description is built only for --debug: building it for every command (keys to hex, concatenation) is
    // measurable in a cold JVM on a VG of many PVs.
    private <T> PrResult<T> send(Supplier<String> what, Supplier<PrResult<T>> command) {
        PrResult<T> result = command.get();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} -> {}", device.path(), what.get(), describe(result));
        }
        return result;
    }

    private static String describe(PrResult<?> result) {
        return switch (result) {
            case PrResult.Ok<?> ok -> "ok" + (ok.value() instanceof Done ? "" : " " + ok.value());
            case PrResult.Failed<?> failed -> failed.failure().message()
                    + (failed.failure().raw().isEmpty() ? "" : " [" + failed.failure().raw() + "]");
        };
    }

    /** The device this one sends to (e.g. to ask a multipath map for its notices). */
    public PrDevice delegate() {
        return device;
    }

    @Override
    public String path() {
        return device.path();
    }

    @Override
    public DeviceClass deviceClass() {
        return device.deviceClass();
    }

    @Override
    public PrResult<Capabilities> capabilities() {
        return send(() -> "report capabilities", device::capabilities);
    }

    @Override
    public PrResult<KeyList> readKeys() {
        return send(() -> "read keys", device::readKeys);
    }

    @Override
    public PrResult<Reservation> readReservation() {
        return send(() -> "read reservation", device::readReservation);
    }

    @Override
    public PrResult<Done> register(ReservationKey currentKey, ReservationKey newKey, boolean ignoreExisting,
                                   boolean ptpl) {
        return send(() -> "register " + (ignoreExisting ? "(ignore existing) " : "current=" + currentKey + " ")
                        + "new=" + newKey + (ptpl ? " ptpl" : ""),
                () -> device.register(currentKey, newKey, ignoreExisting, ptpl));
    }

    @Override
    public PrResult<Done> unregister(ReservationKey currentKey) {
        return send(() -> "unregister " + currentKey, () -> device.unregister(currentKey));
    }

    @Override
    public PrResult<Done> reserve(ReservationKey key, ReservationType type) {
        return send(() -> "reserve " + type + " key=" + key, () -> device.reserve(key, type));
    }

    @Override
    public PrResult<Done> release(ReservationKey key, ReservationType type) {
        return send(() -> "release " + type + " key=" + key, () -> device.release(key, type));
    }

    @Override
    public PrResult<Done> clear(ReservationKey key) {
        return send(() -> "clear key=" + key, () -> device.clear(key));
    }

    @Override
    public PrResult<Done> preempt(ReservationKey key, ReservationKey victim, ReservationType type, boolean abort) {
        return send(() -> (abort ? "preempt-abort " : "preempt ") + type + " key=" + key + " victim=" + victim,
                () -> device.preempt(key, victim, type, abort));
    }

    @Override
    public void close() {
        device.close();
    }
}
