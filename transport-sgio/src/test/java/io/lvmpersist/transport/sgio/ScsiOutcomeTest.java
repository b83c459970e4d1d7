package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.Failure.NotSupported;
import io.lvmpersist.transport.Failure.RetryReason;
import io.lvmpersist.transport.Failure.Retryable;
import io.lvmpersist.transport.Failure.Unsupported;
import io.lvmpersist.transport.linux.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static io.lvmpersist.transport.sgio.GoldenBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The status mapping table of docs/transport-sgio.md, row by row. */
class ScsiOutcomeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] NONE = new byte[0];

    static ScsiResponse status(int status) {
        return ScsiResponse.completed(status, 0, 0, NONE, 0, NONE);
    }

    /** CHECK CONDITION with fixed-format sense key/ASC/ASCQ and DRIVER_SENSE, as the kernel reports it. */
    static ScsiResponse check(int key, int asc, int ascq) {
        byte[] sense = hex("70 00 00 00 00 00 00 0a 00 00 00 00 00 00 00 00 00 00");
        sense[2] = (byte) key;
        sense[12] = (byte) asc;
        sense[13] = (byte) ascq;
        return ScsiResponse.completed(0x02, 0, 0x08, sense, 0, NONE);
    }

    static ScsiResponse host(int hostStatus) {
        return ScsiResponse.completed(0, hostStatus, 0, NONE, 0, NONE);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // response, typeInCdb, expected failure, notExecuted
                arguments(status(0x18), false, new Failure.ReservationConflict("status=0x18 host=0x00 driver=0x00"),
                        false),
                arguments(check(5, 0x20, 0), false, new NotSupported(Unsupported.DEVICE,
                        "invalid command operation code", "status=0x02 sense=0x5/0x20/0x00 host=0x00 driver=0x08"),
                        false),
                arguments(check(5, 0x24, 0), true, new NotSupported(Unsupported.TYPE,
                        "invalid field in CDB", "status=0x02 sense=0x5/0x24/0x00 host=0x00 driver=0x08"), false),
                arguments(check(5, 0x24, 0), false, new NotSupported(Unsupported.FIELD,
                        "invalid field in CDB", "status=0x02 sense=0x5/0x24/0x00 host=0x00 driver=0x08"), false),
                arguments(check(5, 0x26, 0), false, new NotSupported(Unsupported.FIELD,
                        "invalid field in parameter list", "status=0x02 sense=0x5/0x26/0x00 host=0x00 driver=0x08"),
                        false),
                arguments(check(6, 0x2a, 3), false, new Retryable(RetryReason.UNIT_ATTENTION,
                        "status=0x02 sense=0x6/0x2a/0x03 host=0x00 driver=0x08"), true),
                arguments(check(6, 0x29, 0), true, new Retryable(RetryReason.UNIT_ATTENTION,
                        "status=0x02 sense=0x6/0x29/0x00 host=0x00 driver=0x08"), true),
                arguments(check(2, 0x04, 7), false, new Retryable(RetryReason.NOT_READY,
                        "status=0x02 sense=0x2/0x04/0x07 host=0x00 driver=0x08"), true),
                arguments(check(0xb, 0x47, 0), false, new Retryable(RetryReason.BUSY,
                        "status=0x02 sense=0xb/0x47/0x00 host=0x00 driver=0x08"), false),
                arguments(status(0x08), false, new Retryable(RetryReason.BUSY, "status=0x08 host=0x00 driver=0x00"),
                        true),
                arguments(status(0x28), false, new Retryable(RetryReason.BUSY, "status=0x28 host=0x00 driver=0x00"),
                        true),
                arguments(host(0x03), false, new Failure.Timeout(TIMEOUT, "status=0x00 host=0x03 driver=0x00"), false),
                arguments(ScsiResponse.completed(0, 0, 0x06, NONE, 0, NONE), false,
                        new Failure.Timeout(TIMEOUT, "status=0x00 host=0x00 driver=0x06"), false),
                arguments(host(0x0c), false, new Retryable(RetryReason.BUSY, "status=0x00 host=0x0c driver=0x00"),
                        false),
                arguments(ScsiResponse.osError(Errno.ETIMEDOUT, "Connection timed out"), false,
                        new Failure.Timeout(TIMEOUT, "errno=ETIMEDOUT"), false));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("table")
    void mapsToTypedFailure(ScsiResponse response, boolean typeInCdb, Failure expected, boolean notExecuted) {
        ScsiOutcome outcome = ScsiOutcome.of(response, "/dev/sdx", "PR OUT RESERVE", TIMEOUT, typeInCdb);
        assertEquals(new ScsiOutcome.Failed(expected, notExecuted), outcome);
    }

    @Test
    void goodStatusesAndRecoveredSense() {
        for (ScsiResponse r : new ScsiResponse[] {status(0), status(0x04), check(1, 0x5d, 0), check(0, 0, 0),
            // vendor bits outside 0x7e are ignored, as lvm2 and multipath-tools do
            status(0x80), status(0x01)}) {
            assertInstanceOf(ScsiOutcome.Good.class, ScsiOutcome.of(r, "/dev/sdx", "X", TIMEOUT, false), r.raw());
        }
    }

    @Test
    void otherFailuresAreDeviceErrorsWithDetail() {
        assertDeviceError(check(3, 0x11, 0), "MEDIUM ERROR 0x3 asc/ascq 0x11/0x00",
                "status=0x02 sense=0x3/0x11/0x00 host=0x00 driver=0x08");
        // LIO's answer to a RESERVE/RELEASE/CLEAR/PREEMPT from an unregistered nexus: waiting does not help.
        assertDeviceError(check(2, 0x08, 0), "logical unit communication failure",
                "status=0x02 sense=0x2/0x08/0x00 host=0x00 driver=0x08");
        assertDeviceError(check(5, 0x26, 4), "invalid release of persistent reservation",
                "status=0x02 sense=0x5/0x26/0x04 host=0x00 driver=0x08");
        assertDeviceError(check(5, 0x1a, 0), "parameter list length error",
                "status=0x02 sense=0x5/0x1a/0x00 host=0x00 driver=0x08");
        assertDeviceError(host(0x01), "DID_NO_CONNECT", "status=0x00 host=0x01 driver=0x00");
        assertDeviceError(ScsiResponse.completed(0, 0, 0x04, NONE, 0, NONE), "driver error",
                "status=0x00 host=0x00 driver=0x04");
        assertDeviceError(ScsiResponse.completed(0x02, 0, 0x08, NONE, 0, NONE), "without sense data",
                "status=0x02 host=0x00 driver=0x08");
        assertDeviceError(status(0x40), "status 0x40", "status=0x40 host=0x00 driver=0x00");
    }

    @Test
    void precedenceHostBeforeStatusAndSense() {
        // A host error wins over whatever status/sense came with it.
        ScsiResponse both = ScsiResponse.completed(0x18, 0x03, 0, NONE, 0, NONE);
        assertInstanceOf(Failure.Timeout.class, failure(both));
        // Driver timeout wins over CHECK CONDITION.
        byte[] ua = hex("70 00 06 00 00 00 00 0a 00 00 00 00 29 00");
        assertInstanceOf(Failure.Timeout.class, failure(ScsiResponse.completed(0x02, 0, 0x06, ua, 0, NONE)));
        // errno wins over everything.
        assertInstanceOf(Failure.DeviceError.class,
                failure(new ScsiResponse(Errno.EIO, "Input/output error", 0x18, 0x03, 0, NONE, 0, NONE)));
    }

    @Test
    void osErrorsNameDeviceAndErrno() {
        Failure f = failure(ScsiResponse.osError(Errno.ENOTTY, "Inappropriate ioctl for device"));
        assertEquals(new Failure.DeviceError("/dev/sdx: PR OUT RESERVE failed: SG_IO: Inappropriate ioctl for "
                + "device (ENOTTY): the device does not accept SCSI commands (SG_IO)", "errno=ENOTTY"), f);
        Failure perm = failure(ScsiResponse.osError(Errno.EPERM, "Operation not permitted"));
        assertTrue(perm.message().contains("(EPERM)") && perm.message().contains("/dev/sdx"), perm.message());
    }

    private static Failure failure(ScsiResponse r) {
        ScsiOutcome outcome = ScsiOutcome.of(r, "/dev/sdx", "PR OUT RESERVE", TIMEOUT, false);
        return assertInstanceOf(ScsiOutcome.Failed.class, outcome).failure();
    }

    private static void assertDeviceError(ScsiResponse r, String detailPart, String raw) {
        Failure.DeviceError e = assertInstanceOf(Failure.DeviceError.class, failure(r));
        assertTrue(e.detail().contains(detailPart) && e.detail().startsWith("/dev/sdx: PR OUT RESERVE failed: "),
                e.detail());
        assertEquals(raw, e.raw());
    }
}
