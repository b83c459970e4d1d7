package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.Backoff;
import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.lvmpersist.transport.sgio.ScriptedExecutor.checkCondition;
import static io.lvmpersist.transport.sgio.ScriptedExecutor.good;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SgIoPrDevice against a scripted executor: exact bytes sent for each operation, retries, re-reads. */
class SgIoPrDeviceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ReservationKey OURS = ReservationKey.of(0x100000000000000aL);
    private static final ReservationKey THEIRS = ReservationKey.of(0x100000000000000bL);
    private static final String OURS_HEX = "10 00 00 00 00 00 00 0a";
    private static final String THEIRS_HEX = "10 00 00 00 00 00 00 0b";
    private static final String ZERO_KEY = "00 00 00 00 00 00 00 00";
    private static final String TAIL = "00 00 00 00 00 00 00 00"; // bytes 16..23, no flags

    private final ScriptedExecutor exec = new ScriptedExecutor();
    private final List<Integer> pauses = new ArrayList<>();
    private final SgIoPrDevice device = new SgIoPrDevice("/dev/disk/by-id/wwn-x", DeviceClass.SCSI, exec, TIMEOUT,
            pauses::add);

    @Test
    void registerAndIgnoreExistingKey() {
        exec.expectOut("5f 06 00 00 00 00 00 00 18 00", ZERO_KEY + OURS_HEX + TAIL);
        assertEquals(PrResult.done(), device.register(THEIRS, OURS, true, false));
        exec.assertAllSent();
        assertEquals(List.of(TIMEOUT), exec.timeouts());
    }

    @Test
    void registerReplacingTheCurrentKeyWithAptpl() {
        exec.expectOut("5f 00 00 00 00 00 00 00 18 00", THEIRS_HEX + OURS_HEX + "00 00 00 00 01 00 00 00");
        assertEquals(PrResult.done(), device.register(THEIRS, OURS, false, true));
        exec.assertAllSent();
    }

    @Test
    void registerRefusesKeyZero() {
        assertThrows(IllegalArgumentException.class,
                () -> device.register(OURS, ReservationKey.NONE, false, false));
    }

    @Test
    void unregisterSendsSarkZero() {
        exec.expectOut("5f 00 00 00 00 00 00 00 18 00", OURS_HEX + ZERO_KEY + TAIL);
        assertEquals(PrResult.done(), device.unregister(OURS));
        exec.assertAllSent();
    }

    @Test
    void startSequenceRegisterReserveVerify() {
        exec.expectOut("5f 06 00 00 00 00 00 00 18 00", ZERO_KEY + OURS_HEX + TAIL)
                .expectOut("5f 01 07 00 00 00 00 00 18 00", OURS_HEX + ZERO_KEY + TAIL)
                .expectIn("5e 00 00 00 00 00 00 04 00 00", 1024, "00 00 00 02 00 00 00 08 " + OURS_HEX)
                .expectIn("5e 01 00 00 00 00 00 00 18 00", 24,
                        "00 00 00 02 00 00 00 10 " + ZERO_KEY + " 00 00 00 00 00 07 00 00");
        assertEquals(PrResult.done(), device.register(ReservationKey.NONE, OURS, true, false));
        assertEquals(PrResult.done(), device.reserve(OURS, ReservationType.WEAR));
        assertEquals(PrResult.ok(new KeyList(2, List.of(OURS))), device.readKeys());
        assertEquals(PrResult.ok(new Reservation(2, Optional.of(ReservationType.WEAR), ReservationKey.NONE)),
                device.readReservation());
        exec.assertAllSent();
    }

    @Test
    void releaseAndClear() {
        exec.expectOut("5f 02 01 00 00 00 00 00 18 00", OURS_HEX + ZERO_KEY + TAIL)
                .expectOut("5f 03 00 00 00 00 00 00 18 00", OURS_HEX + ZERO_KEY + TAIL);
        assertEquals(PrResult.done(), device.release(OURS, ReservationType.WE));
        assertEquals(PrResult.done(), device.clear(OURS));
        exec.assertAllSent();
    }

    @Test
    void preemptAndPreemptAndAbort() {
        exec.expectOut("5f 04 01 00 00 00 00 00 18 00", OURS_HEX + THEIRS_HEX + TAIL)
                .expectOut("5f 05 07 00 00 00 00 00 18 00", OURS_HEX + THEIRS_HEX + TAIL);
        assertEquals(PrResult.done(), device.preempt(OURS, THEIRS, ReservationType.WE, false));
        assertEquals(PrResult.done(), device.preempt(OURS, THEIRS, ReservationType.WEAR, true));
        exec.assertAllSent();
    }

    @Test
    void reservationConflictIsTypedAndNotRetried() {
        exec.expectOut("5f 00 00 00 00 00 00 00 18 00", THEIRS_HEX + OURS_HEX + TAIL,
                ScsiResponse.completed(0x18, 0, 0, new byte[0], 0, new byte[0]));
        Failure f = device.register(THEIRS, OURS, false, false).failureOrNull();
        assertInstanceOf(Failure.ReservationConflict.class, f);
        exec.assertAllSent();
        assertTrue(pauses.isEmpty());
    }

    @Test
    void unsupportedTypeOnReserve() {
        exec.expectOut("5f 01 08 00 00 00 00 00 18 00", OURS_HEX + ZERO_KEY + TAIL, checkCondition(5, 0x24, 0));
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class,
                device.reserve(OURS, ReservationType.EAAR).failureOrNull());
        assertEquals(Failure.Unsupported.TYPE, f.what());
    }

    @Test
    void truncatedKeyListIsReadAgainWithTheRightLength() {
        // 130 keys = 1040 bytes of list: the first read (1024) holds 127 keys, the second asks for 1048.
        StringBuilder keys = new StringBuilder();
        List<ReservationKey> expected = new ArrayList<>();
        for (int i = 1; i <= 130; i++) {
            keys.append(String.format(" 00 00 00 00 00 00 %02x %02x", i >> 8, i & 0xff));
            expected.add(ReservationKey.of(i));
        }
        String all = "00 00 00 09 00 00 04 10" + keys;
        exec.expectIn("5e 00 00 00 00 00 00 04 00 00", 1024, all)
                .expectIn("5e 00 00 00 00 00 00 04 18 00", 1048, all);
        assertEquals(PrResult.ok(new KeyList(9, expected)), device.readKeys());
        exec.assertAllSent();
    }

    @Test
    void keyListBeyondTheLargestAllocationIsAnError() {
        // additional length 0x10000: more than 65535 bytes can ever return.
        exec.expectIn("5e 00 00 00 00 00 00 04 00 00", 1024, "00 00 00 01 00 01 00 00")
                .expectIn("5e 00 00 00 00 00 00 ff ff 00", 65535, "00 00 00 01 00 01 00 00");
        Failure.DeviceError f = assertInstanceOf(Failure.DeviceError.class, device.readKeys().failureOrNull());
        assertTrue(f.detail().contains("/dev/disk/by-id/wwn-x") && f.detail().contains("does not fit"), f.detail());
        exec.assertAllSent();
    }

    @Test
    void shortDataThatALargerReadCannotFixIsAnError() {
        // Two keys announced, allocation 1024 is plenty, but the residual says only one came back.
        byte[] buffer = new byte[1024];
        byte[] head = GoldenBytes.hex("00 00 00 01 00 00 00 10 00 00 00 00 00 00 00 01");
        System.arraycopy(head, 0, buffer, 0, head.length);
        exec.expectIn("5e 00 00 00 00 00 00 04 00 00", 1024,
                ScsiResponse.completed(0, 0, 0, new byte[0], 1024 - 16, buffer));
        Failure.DeviceError f = assertInstanceOf(Failure.DeviceError.class, device.readKeys().failureOrNull());
        assertTrue(f.detail().contains("returned less data than its length field announces"), f.detail());
        exec.assertAllSent();
    }

    @Test
    void unitAttentionIsRetriedThenSucceeds() {
        String cdb = "5f 01 01 00 00 00 00 00 18 00";
        String params = OURS_HEX + ZERO_KEY + TAIL;
        exec.expectOut(cdb, params, checkCondition(6, 0x2a, 0x03))
                .expectOut(cdb, params, checkCondition(6, 0x29, 0x00))
                .expectOut(cdb, params, good());
        assertEquals(PrResult.done(), device.reserve(OURS, ReservationType.WE));
        exec.assertAllSent();
        assertEquals(List.of(1, 2), pauses);
    }

    @Test
    void unitAttentionRetriesAreBoundedThenRetryable() {
        String cdb = "5e 00 00 00 00 00 00 04 00 00";
        for (int i = 0; i <= Backoff.MAX_RETRIES; i++) {
            exec.expectIn(cdb, 1024, checkCondition(6, 0x29, 0x07));
        }
        Failure.Retryable f = assertInstanceOf(Failure.Retryable.class, device.readKeys().failureOrNull());
        assertEquals(Failure.RetryReason.UNIT_ATTENTION, f.reason());
        exec.assertAllSent(); // exactly MAX_RETRIES + 1 sends: a further one would fail "unexpected command"
        assertEquals(List.of(1, 2, 3, 4, 5), pauses);
    }

    @Test
    void notReadyOnFirstPrOutIsRetried() {
        // LIO answers the first PR OUT on a new I_T nexus with NOT READY while applying it.
        String cdb = "5f 06 00 00 00 00 00 00 18 00";
        String params = ZERO_KEY + OURS_HEX + TAIL;
        exec.expectOut(cdb, params, checkCondition(2, 0x04, 0x07)).expectOut(cdb, params, good());
        assertEquals(PrResult.done(), device.register(ReservationKey.NONE, OURS, true, false));
        exec.assertAllSent();
    }

    @Test
    void abortedCommandIsNotRepeated() {
        exec.expectOut("5f 03 00 00 00 00 00 00 18 00", OURS_HEX + ZERO_KEY + TAIL, checkCondition(0xb, 0, 0));
        Failure.Retryable f = assertInstanceOf(Failure.Retryable.class, device.clear(OURS).failureOrNull());
        assertEquals(Failure.RetryReason.BUSY, f.reason());
        exec.assertAllSent();
    }

    @Test
    void capabilitiesFromReportCapabilities() {
        exec.expectIn("5e 02 00 00 00 00 00 00 08 00", 8, "00 08 01 80 82 00 00 00");
        assertEquals(PrResult.ok(new Capabilities(Set.of(ReservationType.WE, ReservationType.WEAR), true, true)),
                device.capabilities());
    }

    @Test
    void prNotSupportedAtAll() {
        exec.expectIn("5e 02 00 00 00 00 00 00 08 00", 8, checkCondition(5, 0x20, 0));
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class, device.capabilities().failureOrNull());
        assertEquals(Failure.Unsupported.DEVICE, f.what());
    }

    @Test
    void inquiry() {
        exec.expectIn("12 00 00 00 60 00", 96, "00 00 06 02 1f 00 00 02 4c 49 4f 2d 4f 52 47 20"
                + " 46 49 4c 45 49 4f 20 20 20 20 20 20 20 20 20 20 34 2e 30 20");
        assertEquals(PrResult.ok(new Inquiry(0, 0, 6, "LIO-ORG", "FILEIO", "4.0")), device.inquiry());
    }

    @Test
    void malformedReservationIsADeviceError() {
        exec.expectIn("5e 01 00 00 00 00 00 00 18 00", 24, "00 00 00 01 00 00 00 10");
        Failure.DeviceError f = assertInstanceOf(Failure.DeviceError.class,
                device.readReservation().failureOrNull());
        assertTrue(f.detail().startsWith("/dev/disk/by-id/wwn-x: malformed"), f.detail());
    }

    @Test
    void readFullStatusReReadsWhenTruncated() {
        String descriptor = "00 00 00 00 00 00 00 0a 00 00 00 00 01 01 00 00 00 00 00 01 00 00 00 00";
        StringBuilder many = new StringBuilder("00 00 00 03 00 00 20 40");
        for (int i = 0; i < 0x2040 / 24; i++) {
            many.append(' ').append(descriptor);
        }
        exec.expectIn("5e 03 00 00 00 00 00 20 00 00", 8192, many.toString())
                .expectIn("5e 03 00 00 00 00 00 20 48 00", 8264, many.toString());
        PrResult<ReadFullStatusData> result = device.readFullStatus();
        assertTrue(result instanceof PrResult.Ok<ReadFullStatusData>(ReadFullStatusData data)
                && data.descriptors().size() == 0x2040 / 24 && !data.truncated(), result::toString);
        exec.assertAllSent();
    }

    @Test
    void closeClosesTheExecutor() {
        device.close();
        assertTrue(exec.closed());
        assertEquals(DeviceClass.SCSI, device.deviceClass());
        assertEquals("/dev/disk/by-id/wwn-x", device.path());
    }

    @Test
    void doneValueIsTheSingleton() {
        exec.expectOut("5f 03 00 00 00 00 00 00 18 00", OURS_HEX + ZERO_KEY + TAIL);
        assertEquals(new PrResult.Ok<>(Done.DONE), device.clear(OURS));
    }
}
