package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.linux.Errno;
import io.lvmpersist.transport.nvme.NvmeCommands.AcquireAction;
import io.lvmpersist.transport.nvme.NvmeCommands.ReleaseAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NvmeStatusTest {
    private static final Duration T = Duration.ofSeconds(60);
    private static final ReservationKey K = ReservationKey.of(0x10);
    private static final NvmeCommand REGISTER = NvmeCommands.register(1, NvmeCommands.RegisterAction.REGISTER,
            false, NvmeCommands.Cptpl.NO_CHANGE, ReservationKey.NONE, K);
    private static final NvmeCommand ACQUIRE_WEAR = NvmeCommands.acquire(1, AcquireAction.ACQUIRE,
            ReservationType.WEAR, K, ReservationKey.NONE);
    private static final NvmeCommand CLEAR = NvmeCommands.release(1, ReleaseAction.CLEAR, null, K);

    private static Optional<Failure> map(NvmeCommand c, int status) {
        return NvmeStatus.failure(c, NvmeResponse.completed(status, null), T);
    }

    @ParameterizedTest(name = "status 0x{0} -> {1}")
    @CsvSource({
            "0, ok",
            "2000, ok",          // MORE alone
            "4000, ok",          // DNR alone
            "83, conflict",
            "4083, conflict",    // nvmet: conflict with DNR
            "6083, conflict",
            "1, device",
            "4001, device",
            "2, field",
            "4002, field",
            "82, not-ready",
            "4082, error",       // DNR: the namespace will not become ready by retrying
            "303, not-ready",    // ANA transition
            "4303, error",
            "21, busy",          // Command Interrupted
            "4021, error",
            "7, error",          // aborts: the controller may have acted on the command
            "8, error",
            "18, error",
            "4018, error",
            "b, error",
            "371, error",
            "183, error",        // SCT 1 SC 0x83 is not the generic reservation conflict
    })
    void mapsStatusValues(String hex, String expected) {
        Optional<Failure> f = map(REGISTER, Integer.parseInt(hex, 16));
        switch (expected) {
            case "ok" -> assertEquals(Optional.empty(), f);
            case "conflict" -> assertInstanceOf(Failure.ReservationConflict.class, f.orElseThrow());
            case "device" -> assertEquals(Failure.Unsupported.DEVICE,
                    assertInstanceOf(Failure.NotSupported.class, f.orElseThrow()).what());
            case "field" -> assertEquals(Failure.Unsupported.FIELD,
                    assertInstanceOf(Failure.NotSupported.class, f.orElseThrow()).what());
            case "not-ready" -> assertEquals(Failure.RetryReason.NOT_READY,
                    assertInstanceOf(Failure.Retryable.class, f.orElseThrow()).reason());
            case "busy" -> assertEquals(Failure.RetryReason.BUSY,
                    assertInstanceOf(Failure.Retryable.class, f.orElseThrow()).reason());
            case "error" -> assertInstanceOf(Failure.DeviceError.class, f.orElseThrow());
            default -> throw new IllegalArgumentException(expected);
        }
    }

    @Test
    void conflictKeepsTheRawStatusWithItsFlags() {
        Failure f = map(ACQUIRE_WEAR, 0x4083).orElseThrow();
        assertEquals("NVMe status 0x4083 (Reservation Conflict, DNR)", f.raw());
    }

    @Test
    void invalidFieldOnATypedAcquireIsAnUnsupportedType() {
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class, map(ACQUIRE_WEAR, 0x4002).orElseThrow());
        assertEquals(Failure.Unsupported.TYPE, f.what());
        assertTrue(f.detail().contains("WEAR"), f.detail());
    }

    @Test
    void invalidFieldOnClearIsAnUnsupportedField() {
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class, map(CLEAR, 0x2).orElseThrow());
        assertEquals(Failure.Unsupported.FIELD, f.what());
    }

    @Test
    void otherStatusesAreNamedInHex() {
        Failure f = map(REGISTER, 0x4018).orElseThrow();
        assertEquals("Reservation Register failed: NVMe status 0x4018 (Host Identifier Inconsistent Format, DNR)",
                f.message());
        assertEquals("Reservation Register failed: NVMe status 0x2abc (unknown status, MORE)",
                map(REGISTER, 0x2ABC).orElseThrow().message());
    }

    @Test
    void osErrorsNameTheErrno() {
        NvmeResponse r = NvmeResponse.osError(Errno.ENOTTY,
                "ioctl 0xc0484e43 on /dev/null: Inappropriate ioctl for device (ENOTTY)");
        Failure.DeviceError f = assertInstanceOf(Failure.DeviceError.class, NvmeStatus.failure(REGISTER, r, T)
                .orElseThrow());
        assertEquals("ioctl 0xc0484e43 on /dev/null: Inappropriate ioctl for device (ENOTTY)", f.detail());
        assertEquals("ENOTTY", f.raw());
    }

    @Test
    void osErrorWithoutTextStillNamesCommandAndErrno() {
        Failure f = NvmeStatus.failure(REGISTER, NvmeResponse.osError(Errno.EIO, ""), T).orElseThrow();
        assertEquals("Reservation Register failed: EIO", f.message());
    }

    @Test
    void timedOutIsATimeout() {
        Failure f = NvmeStatus.failure(REGISTER, NvmeResponse.osError(Errno.ETIMEDOUT, "x"), T).orElseThrow();
        assertEquals(T, assertInstanceOf(Failure.Timeout.class, f).after());
    }
}
