package io.lvmpersist.transport;

/**
 * One device (LU or namespace), as seen from this host, with the protocol-neutral PR operations.
 *
 * <p>Every method sends the command(s) and returns a typed result; none throws for a device-side
 * failure. Implementations are not required to be thread-safe: use one {@code PrDevice} per thread.
 * Semantics follow SPC-4; NVMe transports map each operation to the equivalent reservation command.
 */
public interface PrDevice extends AutoCloseable {

    /** The device path as the user named it. */
    String path();

    DeviceClass deviceClass();

    /** Capabilities (SCSI REPORT CAPABILITIES; NVMe Identify). */
    PrResult<Capabilities> capabilities();

    /** All registered keys with the generation. */
    PrResult<KeyList> readKeys();

    /** The current reservation. */
    PrResult<Reservation> readReservation();

    /**
     * Registers {@code newKey} for this host.
     *
     * @param currentKey     the key this host holds now (ignored when {@code ignoreExisting})
     * @param newKey         the key to register; must not be 0 (use {@link #unregister})
     * @param ignoreExisting SCSI REGISTER AND IGNORE EXISTING KEY; on NVMe register, then replace with IEKEY
     * @param persistThroughPowerLoss SCSI APTPL=1; NVMe CPTPL=3
     */
    PrResult<Done> register(ReservationKey currentKey, ReservationKey newKey, boolean ignoreExisting,
                            boolean persistThroughPowerLoss);

    /** Removes this host's registration {@code currentKey} (SCSI REGISTER with SARK 0; NVMe RREGA=1). */
    PrResult<Done> unregister(ReservationKey currentKey);

    /** Takes a reservation of {@code type} (SCSI RESERVE; NVMe Acquire RACQA=0). */
    PrResult<Done> reserve(ReservationKey key, ReservationType type);

    /** Releases the reservation held with {@code type} (SCSI RELEASE; NVMe Release RRELA=0). */
    PrResult<Done> release(ReservationKey key, ReservationType type);

    /** Removes every registration and the reservation (SCSI CLEAR; NVMe Release RRELA=1). */
    PrResult<Done> clear(ReservationKey key);

    /**
     * Removes the registrations of {@code victim} and, when it held the reservation, takes it with {@code type}
     * (SCSI PREEMPT / PREEMPT AND ABORT; NVMe Acquire RACQA=1/2).
     */
    PrResult<Done> preempt(ReservationKey key, ReservationKey victim, ReservationType type, boolean abort);

    /** Releases OS resources; never fails. */
    @Override
    void close();
}
