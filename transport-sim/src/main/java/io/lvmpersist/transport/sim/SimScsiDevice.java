package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;

import java.util.function.Function;

/**
 * A simulated SCSI LU as one host sees it. Each operation sends exactly the PR IN / PR OUT command the SG_IO
 * transport sends, and maps the status the same way. A pending unit attention fails the command once; like the
 * SG_IO transport, the device then sends it again ({@link Resend}).
 */
final class SimScsiDevice implements PrDevice {
    private final SimSan san;
    private final String lunId;
    private final String path;
    private final String host;
    private final DeviceClass deviceClass;

    SimScsiDevice(SimSan san, String lunId, String path, String host, DeviceClass deviceClass) {
        this.san = san;
        this.lunId = lunId;
        this.path = path;
        this.host = host;
        this.deviceClass = deviceClass;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public DeviceClass deviceClass() {
        return deviceClass;
    }

    @Override
    public PrResult<Capabilities> capabilities() {
        return execute("PR IN REPORT CAPABILITIES", lun -> StatusMapping.scsiReply(lun.scsi().reportCapabilities(host)));
    }

    @Override
    public PrResult<KeyList> readKeys() {
        return execute("PR IN READ KEYS", lun -> StatusMapping.scsiReply(lun.scsi().readKeys(host)));
    }

    @Override
    public PrResult<Reservation> readReservation() {
        return execute("PR IN READ RESERVATION", lun -> StatusMapping.scsiReply(lun.scsi().readReservation(host)));
    }

    /** REGISTER AND IGNORE EXISTING KEY (SARK=new) or REGISTER (RK=current, SARK=new); APTPL when asked. */
    @Override
    public PrResult<Done> register(ReservationKey currentKey, ReservationKey newKey, boolean ignoreExisting,
                                   boolean persistThroughPowerLoss) {
        ProutCommand command = ignoreExisting
                ? ProutCommand.registerAndIgnore(newKey.value(), persistThroughPowerLoss)
                : ProutCommand.register(currentKey.value(), newKey.value(), persistThroughPowerLoss);
        return send(command, false);
    }

    /** REGISTER with RK=current, SARK=0. */
    @Override
    public PrResult<Done> unregister(ReservationKey currentKey) {
        return send(ProutCommand.register(currentKey.value(), 0, false), false);
    }

    @Override
    public PrResult<Done> reserve(ReservationKey key, ReservationType type) {
        return send(ProutCommand.reserve(key.value(), type.scsiCode()), true);
    }

    @Override
    public PrResult<Done> release(ReservationKey key, ReservationType type) {
        return send(ProutCommand.release(key.value(), type.scsiCode()), true);
    }

    @Override
    public PrResult<Done> clear(ReservationKey key) {
        return send(ProutCommand.clear(key.value()), false);
    }

    /** PREEMPT or PREEMPT AND ABORT with RK=key, SARK=victim. */
    @Override
    public PrResult<Done> preempt(ReservationKey key, ReservationKey victim, ReservationType type, boolean abort) {
        return send(ProutCommand.preempt(key.value(), victim.value(), type.scsiCode(), abort), true);
    }

    private PrResult<Done> send(ProutCommand command, boolean typed) {
        return execute("PR OUT " + command.action(),
                lun -> StatusMapping.scsiDone(lun.scsi().persistentReserveOut(host, command), typed));
    }

    private <T> PrResult<T> execute(String name, Function<Lun, PrResult<T>> command) {
        return Resend.whileNotExecuted(path, name, () -> san.execute(lunId, command));
    }

    @Override
    public void close() {
        // nothing to release: every command is its own transaction
    }

    @Override
    public String toString() {
        return "simulated SCSI LU " + lunId + " at " + path + " as host " + host;
    }
}
