package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;

import java.util.function.Supplier;

/**
 * One path of a simulated multipath LU: commands go to the path's own nexus, unless the path is
 * down, in which case they fail the way a dead path does (a transport error, DID_NO_CONNECT).
 */
final class SimPathDevice implements PrDevice {
    private final SimSan san;
    private final String lunId;
    private final int path;
    private final PrDevice nexus;

    SimPathDevice(SimSan san, String lunId, int path, PrDevice nexus) {
        this.san = san;
        this.lunId = lunId;
        this.path = path;
        this.nexus = nexus;
    }

    /**
     * Sends the command unless the path is down. The path's nexus resends a UNIT ATTENTION itself (bounded,
     * as the real SG_IO transport does on each path): the multipath layer above sees each path's outcome.
     */
    private <T> PrResult<T> ifUp(Supplier<PrResult<T>> command) {
        if (!san.pathState(lunId).up(path)) {
            return PrResult.failed(new Failure.DeviceError("path down (transport error DID_NO_CONNECT)",
                    "host_status=0x01"));
        }
        return command.get();
    }

    @Override
    public String path() {
        return nexus.path();
    }

    @Override
    public DeviceClass deviceClass() {
        return DeviceClass.SCSI;
    }

    @Override
    public PrResult<Capabilities> capabilities() {
        return ifUp(nexus::capabilities);
    }

    @Override
    public PrResult<KeyList> readKeys() {
        return ifUp(nexus::readKeys);
    }

    @Override
    public PrResult<Reservation> readReservation() {
        return ifUp(nexus::readReservation);
    }

    @Override
    public PrResult<Done> register(ReservationKey currentKey, ReservationKey newKey, boolean ignoreExisting,
                                   boolean ptpl) {
        return ifUp(() -> nexus.register(currentKey, newKey, ignoreExisting, ptpl));
    }

    @Override
    public PrResult<Done> unregister(ReservationKey currentKey) {
        return ifUp(() -> nexus.unregister(currentKey));
    }

    @Override
    public PrResult<Done> reserve(ReservationKey key, ReservationType type) {
        return ifUp(() -> nexus.reserve(key, type));
    }

    @Override
    public PrResult<Done> release(ReservationKey key, ReservationType type) {
        return ifUp(() -> nexus.release(key, type));
    }

    @Override
    public PrResult<Done> clear(ReservationKey key) {
        return ifUp(() -> nexus.clear(key));
    }

    @Override
    public PrResult<Done> preempt(ReservationKey key, ReservationKey victim, ReservationType type, boolean abort) {
        return ifUp(() -> nexus.preempt(key, victim, type, abort));
    }

    @Override
    public void close() {
        nexus.close();
    }
}
