package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.Backoff;
import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.linux.Errno;
import io.lvmpersist.transport.nvme.NvmeCommands.Cptpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.lvmpersist.transport.nvme.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device against the scripted executor: which commands go out (hand-written dwords/data) and what comes back. */
class NvmePrDeviceTest {
    private static final int NSID = 1;
    private static final ReservationKey OURS = ReservationKey.of(0x1000000000000001L);
    private static final ReservationKey THEIRS = ReservationKey.of(0x1000000000000002L);
    // LE bytes of the two keys
    private static final String OURS_LE = "0100000000000010";
    private static final String THEIRS_LE = "0200000000000010";
    private static final String ZERO_LE = "0000000000000000";

    private final FakeExecutor fake = new FakeExecutor();
    private final List<Integer> pauses = new ArrayList<>();
    private final NvmePrDevice device = new NvmePrDevice("/dev/nvme0n1", NSID, fake, Duration.ofSeconds(30),
            pauses::add);

    @AfterEach
    void allScriptedCommandsWereSent() {
        fake.assertDone();
    }

    private static NvmeCommand io(int opcode, int cdw10, String data) {
        return new NvmeCommand("expected", opcode, NSID, cdw10, 0, 0, 0, 0, 0, hex(data), 0);
    }

    private static NvmeCommand report(int bytes, boolean eds) {
        return new NvmeCommand("expected", 0x0E, NSID, bytes / 4 - 1, eds ? 1 : 0, 0, 0, 0, 0, null, bytes);
    }

    private static <T> Failure failure(PrResult<T> result) {
        return assertInstanceOf(PrResult.Failed.class, result).failure();
    }

    // --- register ---

    @Test
    void registerIgnoringExistingSendsRegisterWithNewKey() {
        fake.expectIo(io(0x0D, 0x00000000, ZERO_LE + OURS_LE), 0);
        assertEquals(PrResult.done(), device.register(ReservationKey.NONE, OURS, true, false));
    }

    @Test
    void registerIgnoringExistingFallsBackToReplaceWithIekeyOnConflictKeepingCptpl() {
        fake.expectIo(io(0x0D, 0xC0000000, ZERO_LE + OURS_LE), 0x4083)
                .expectIo(io(0x0D, 0xC000000A, ZERO_LE + OURS_LE), 0);
        assertEquals(PrResult.done(), device.register(THEIRS, OURS, true, true));
    }

    @Test
    void registerFallbackFailureIsReported() {
        fake.expectIo(io(0x0D, 0x0, ZERO_LE + OURS_LE), 0x83)
                .expectIo(io(0x0D, 0x0000000A, ZERO_LE + OURS_LE), 0x4083);
        assertInstanceOf(Failure.ReservationConflict.class, failure(device.register(ReservationKey.NONE, OURS, true,
                false)));
    }

    @Test
    void registerDoesNotFallBackOnOtherFailures() {
        fake.expectIo(io(0x0D, 0xC0000000, ZERO_LE + OURS_LE), 0x4002);
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class,
                failure(device.register(ReservationKey.NONE, OURS, true, true)));
        assertEquals(Failure.Unsupported.FIELD, f.what());
    }

    @Test
    void registerWithoutCurrentKeyRegisters() {
        fake.expectIo(io(0x0D, 0x0, ZERO_LE + OURS_LE), 0);
        assertEquals(PrResult.done(), device.register(ReservationKey.NONE, OURS, false, false));
    }

    @Test
    void registerWithCurrentKeyReplacesIt() {
        fake.expectIo(io(0x0D, 0xC0000002, THEIRS_LE + OURS_LE), 0);
        assertEquals(PrResult.done(), device.register(THEIRS, OURS, false, true));
    }

    @Test
    void registeringKeyZeroIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> device.register(OURS, ReservationKey.NONE, true, false));
    }

    @Test
    void unregisterSendsRrega1WithCrkey() {
        fake.expectIo(io(0x0D, 0x1, OURS_LE + ZERO_LE), 0);
        assertEquals(PrResult.done(), device.unregister(OURS));
    }

    // --- acquire / release ---

    @Test
    void reserveAcquiresWithTheType() {
        fake.expectIo(io(0x11, 0x0500, OURS_LE + ZERO_LE), 0);
        assertEquals(PrResult.done(), device.reserve(OURS, ReservationType.WEAR));
    }

    @Test
    void reserveConflictSurfacesAsReservationConflict() {
        fake.expectIo(io(0x11, 0x0100, OURS_LE + ZERO_LE), 0x4083);
        Failure f = failure(device.reserve(OURS, ReservationType.WE));
        assertEquals("NVMe status 0x4083 (Reservation Conflict, DNR)",
                assertInstanceOf(Failure.ReservationConflict.class, f).raw());
    }

    @Test
    void reserveOfAnUnsupportedTypeIsNotSupportedType() {
        fake.expectIo(io(0x11, 0x0600, OURS_LE + ZERO_LE), 0x2);
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class,
                failure(device.reserve(OURS, ReservationType.EAAR)));
        assertEquals(Failure.Unsupported.TYPE, f.what());
    }

    @Test
    void preemptAndPreemptAbort() {
        fake.expectIo(io(0x11, 0x0101, OURS_LE + THEIRS_LE), 0)
                .expectIo(io(0x11, 0x0502, OURS_LE + THEIRS_LE), 0);
        assertEquals(PrResult.done(), device.preempt(OURS, THEIRS, ReservationType.WE, false));
        assertEquals(PrResult.done(), device.preempt(OURS, THEIRS, ReservationType.WEAR, true));
    }

    @Test
    void releaseAndClear() {
        fake.expectIo(io(0x15, 0x0100, OURS_LE), 0)
                .expectIo(io(0x15, 0x0001, OURS_LE), 0);
        assertEquals(PrResult.done(), device.release(OURS, ReservationType.WE));
        assertEquals(PrResult.done(), device.clear(OURS));
    }

    @Test
    void osErrorIsADeviceErrorNamingDeviceAndErrno() {
        fake.expect(io(0x15, 0x0001, OURS_LE), false, NvmeResponse.osError(Errno.EIO,
                "ioctl 0xc0484e43 on /dev/nvme0n1: Input/output error (EIO)"));
        Failure.DeviceError f = assertInstanceOf(Failure.DeviceError.class, failure(device.clear(OURS)));
        assertTrue(f.detail().contains("/dev/nvme0n1") && f.detail().contains("EIO"), f.detail());
    }

    // --- reports ---

    @Test
    void readKeysUsesTheExtendedReport() {
        fake.expectIo(report(4096, true), 0, ReportBytes.extended().generation(9)
                .entry(0xFFFF, false, OURS.value()).entry(0xFFFF, false, THEIRS.value()).build());
        assertEquals(PrResult.ok(new KeyList(9, List.of(OURS, THEIRS))), device.readKeys());
    }

    @Test
    void readKeysWithNoRegistrants() {
        fake.expectIo(report(4096, true), 0, ReportBytes.extended().generation(3).build());
        assertEquals(PrResult.ok(new KeyList(3, List.of())), device.readKeys());
    }

    @Test
    void extendedRejectedFallsBackToRegularAndRemembersIt() {
        byte[] regular = ReportBytes.regular().generation(4).entry(1, false, OURS.value()).build();
        fake.expectIo(report(4096, true), 0x4002)
                .expectIo(report(4096, false), 0, regular)
                .expectIo(report(4096, false), 0, regular);
        assertEquals(PrResult.ok(new KeyList(4, List.of(OURS))), device.readKeys());
        assertEquals(PrResult.ok(new KeyList(4, List.of(OURS))), device.readKeys());
    }

    @Test
    void hostIdInconsistentOnRegularSwitchesBackToExtended() {
        fake.expectIo(report(4096, true), 0x2)
                .expectIo(report(4096, false), 0, ReportBytes.regular().build())
                .expectIo(report(4096, false), 0x4018)
                .expectIo(report(4096, true), 0, ReportBytes.extended().entry(1, false, THEIRS.value()).build());
        assertEquals(PrResult.ok(new KeyList(0, List.of())), device.readKeys());
        assertEquals(PrResult.ok(new KeyList(0, List.of(THEIRS))), device.readKeys());
    }

    @Test
    void bothFormatsRejectedIsReported() {
        fake.expectIo(report(4096, true), 0x2).expectIo(report(4096, false), 0x2);
        assertInstanceOf(Failure.NotSupported.class, failure(device.readKeys()));
    }

    @Test
    void reportNotSupportedAtAll() {
        fake.expectIo(report(4096, true), 0x1);
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class, failure(device.readKeys()));
        assertEquals(Failure.Unsupported.DEVICE, f.what());
    }

    @Test
    void bufferGrowsWhenRegistrantsDoNotFit() {
        // 70 extended entries need 64 + 70 * 64 = 4544 bytes; the first 4 KiB read holds 63.
        ReportBytes many = ReportBytes.extended().generation(77);
        List<ReservationKey> keys = new ArrayList<>();
        for (int i = 1; i <= 70; i++) {
            many.entry(i, false, i);
            keys.add(ReservationKey.of(i));
        }
        byte[] full = many.build();
        fake.expectIo(report(4096, true), 0, full).expectIo(report(4544, true), 0, full);
        assertEquals(PrResult.ok(new KeyList(77, keys)), device.readKeys());
    }

    @Test
    void regularBufferGrowthUses24ByteEntries() {
        ReportBytes many = ReportBytes.regular();
        for (int i = 0; i < 200; i++) {
            many.entry(i, false, i + 1);
        }
        byte[] full = many.build();
        fake.expectIo(report(4096, true), 0x2)
                .expectIo(report(4096, false), 0, full)
                .expectIo(report(24 + 200 * 24, false), 0, full);
        assertEquals(200, ((PrResult.Ok<KeyList>) device.readKeys()).value().keys().size());
    }

    @Test
    void readReservationNamesTheHolder() {
        fake.expectIo(report(4096, true), 0, ReportBytes.extended().generation(2).rtype(1)
                .entry(1, false, THEIRS.value()).entry(2, true, OURS.value()).build());
        assertEquals(PrResult.ok(new Reservation(2, Optional.of(ReservationType.WE), OURS)),
                device.readReservation());
    }

    @Test
    void readReservationUnderWearReportsKeyZero() {
        fake.expectIo(report(4096, true), 0, ReportBytes.extended().generation(2).rtype(5)
                .entry(1, true, THEIRS.value()).entry(2, true, OURS.value()).build());
        assertEquals(PrResult.ok(new Reservation(2, Optional.of(ReservationType.WEAR), ReservationKey.NONE)),
                device.readReservation());
    }

    @Test
    void readReservationWhenNoneIsHeld() {
        fake.expectIo(report(4096, true), 0, ReportBytes.extended().generation(6).entry(1, false, OURS.value())
                .build());
        assertEquals(PrResult.ok(Reservation.none(6)), device.readReservation());
    }

    @Test
    void readReservationWithAnUnknownTypeIsADeviceError() {
        fake.expectIo(report(4096, true), 0, ReportBytes.extended().rtype(9).build());
        assertInstanceOf(Failure.DeviceError.class, failure(device.readReservation()));
    }

    // --- capabilities ---

    private static NvmeResponse identify(int offset, int value) {
        byte[] page = new byte[4096];
        page[offset] = (byte) value;
        return NvmeResponse.completed(0, page);
    }

    private static NvmeCommand identifyController() {
        return new NvmeCommand("expected", 0x06, 0, 0x1, 0, 0, 0, 0, 0, null, 4096);
    }

    @Test
    void capabilitiesFromOncsAndRescap() {
        fake.expect(identifyController(), true, identify(520, 0x20))
                .expect(new NvmeCommand("expected", 0x06, NSID, 0x0, 0, 0, 0, 0, 0, null, 4096), true,
                        identify(31, 0x23));
        assertEquals(PrResult.ok(new Capabilities(Set.of(ReservationType.WE, ReservationType.WEAR), true, true)),
                device.capabilities());
    }

    @Test
    void capabilitiesOfAllTypesWithoutPtpl() {
        fake.expect(identifyController(), true, identify(520, 0x3F))
                .expect(new NvmeCommand("expected", 0x06, NSID, 0x0, 0, 0, 0, 0, 0, null, 4096), true,
                        identify(31, 0x7E));
        assertEquals(PrResult.ok(new Capabilities(EnumSet.allOf(ReservationType.class), true, false)),
                device.capabilities());
    }

    @Test
    void controllerWithoutReservationsIsNotSupported() {
        fake.expect(identifyController(), true, identify(520, 0x1F));
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class, failure(device.capabilities()));
        assertEquals(Failure.Unsupported.DEVICE, f.what());
    }

    @Test
    void identifyFailureIsReported() {
        fake.expect(identifyController(), true, NvmeResponse.osError(Errno.EACCES, "ioctl on x: EACCES"));
        assertInstanceOf(Failure.DeviceError.class, failure(device.capabilities()));
    }

    // --- resending: transient statuses without DNR only ---

    @Test
    void namespaceNotReadyWithoutDnrIsSentAgainThenSucceeds() {
        NvmeCommand reserve = io(0x11, 0x0100, OURS_LE + ZERO_LE);
        fake.expectIo(reserve, 0x82).expectIo(reserve, 0x82).expectIo(reserve, 0);
        assertEquals(PrResult.done(), device.reserve(OURS, ReservationType.WE));
        assertEquals(List.of(1, 2), pauses);
    }

    @Test
    void aPersistentTransientStatusIsSentSixTimesThenRetryable() {
        for (int send = 0; send <= Backoff.MAX_RETRIES; send++) {
            fake.expectIo(report(4096, true), 0x21);   // Command Interrupted, DNR clear
        }
        Failure.Retryable f = assertInstanceOf(Failure.Retryable.class, failure(device.readKeys()));
        assertEquals(Failure.RetryReason.BUSY, f.reason());
        assertEquals(List.of(1, 2, 3, 4, 5), pauses);   // a seventh send would fail "unexpected command"
    }

    @Test
    void aTransientStatusWithDnrIsNeverSentAgain() {
        fake.expectIo(io(0x11, 0x0100, OURS_LE + ZERO_LE), 0x4082);
        Failure.DeviceError f = assertInstanceOf(Failure.DeviceError.class,
                failure(device.reserve(OURS, ReservationType.WE)));
        assertTrue(f.raw().contains("Namespace Not Ready, DNR"), f.raw());
        assertEquals(List.of(), pauses);
    }

    @Test
    void aConflictWithoutDnrIsAnAnswerNotSentAgain() {
        fake.expectIo(io(0x11, 0x0100, OURS_LE + ZERO_LE), 0x83);
        assertInstanceOf(Failure.ReservationConflict.class, failure(device.reserve(OURS, ReservationType.WE)));
        assertEquals(List.of(), pauses);
    }

    @Test
    void closeClosesTheExecutor() {
        device.close();
        assertTrue(fake.closed());
    }
}
