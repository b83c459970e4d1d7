package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.linux.Errno;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.TransportProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native layer against this machine's kernel: every OS-level failure must come back as a typed
 * error that names the device and the errno, never as a stack trace.
 */
class NativeSgIoTest {
    private static final TransportContext SYSTEM = TransportContext.system().withTimeout(Duration.ofSeconds(10));
    private final SgIoTransportProvider provider = new SgIoTransportProvider();

    @TempDir
    Path tmp;

    @Test
    void foundByServiceLoader() {
        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("sgio")).toList();
        assertEquals(1, found.size());
        assertInstanceOf(SgIoTransportProvider.class, found.getFirst());
        assertFalse(found.getFirst().simulated());
    }

    @Test
    void devNullRejectsSgIoWithEnotty() throws Exception {
        try (SgIoExecutor executor = SgIoExecutor.open("/dev/null")) {
            ScsiResponse raw = executor.execute(ScsiRequest.dataIn("PR IN READ KEYS",
                    PrInCdb.encode(PrInServiceAction.READ_KEYS, 1024), 1024, Duration.ofSeconds(10)));
            assertEquals(Errno.ENOTTY, raw.errno());
        }
        try (PrDevice device = new SgIoPrDevice("/dev/null", DeviceClass.SCSI, SgIoExecutor.open("/dev/null"),
                Duration.ofSeconds(10))) {
            Failure.DeviceError f = assertInstanceOf(Failure.DeviceError.class, device.readKeys().failureOrNull());
            assertEquals("/dev/null: PR IN READ KEYS failed: SG_IO: Inappropriate ioctl for device (ENOTTY): "
                    + "the device does not accept SCSI commands (SG_IO)", f.message());
            assertEquals("errno=ENOTTY", f.raw());
            // PR OUT goes through the same path, with the data-out buffer.
            Failure out = device.register(ReservationKey.NONE, ReservationKey.of(1), true, false).failureOrNull();
            assertTrue(out.message().contains("/dev/null") && out.message().contains("(ENOTTY)"), out.message());
        }
    }

    @Test
    void devNullIsNotClaimed() throws Exception {
        assertEquals(Optional.empty(), provider.match("/dev/null", SYSTEM));
    }

    @Test
    void regularFileAndDirectoryAreNotClaimed() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertEquals(Optional.empty(), provider.match(file.toString(), SYSTEM));
        assertEquals(Optional.empty(), provider.match(tmp.toString(), SYSTEM));
    }

    @Test
    void missingPathInMatchNamesIt() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> provider.match("/dev/lvmpersist-test-missing", SYSTEM));
        assertEquals("/dev/lvmpersist-test-missing", e.device());
        assertEquals("device /dev/lvmpersist-test-missing does not exist: check the path", e.getMessage());
        assertEquals("ENOENT", e.failure().raw());
    }

    @Test
    void missingNodeInOpenGivesEnoent() {
        DeviceMatch match = new DeviceMatch("/dev/lvmpersist-test-missing", "/dev/lvmpersist-test-missing",
                DeviceClass.SCSI, "8:999", "sgio");
        DeviceException e = assertThrows(DeviceException.class, () -> provider.open(match, SYSTEM));
        assertEquals("cannot open /dev/lvmpersist-test-missing: No such file or directory (ENOENT)", e.getMessage());
        assertEquals(new Failure.DeviceError(e.getMessage(), "errno=ENOENT"), e.failure());
    }

    @Test
    void loopDeviceRejectsSgIo() throws Exception {
        try (LoopDevice loop = LoopDevice.attach(tmp)) {
            // Not a SCSI disk by sysfs: not claimed.
            assertEquals(Optional.empty(), provider.match(loop.node(), SYSTEM));
            // And the kernel refuses SG_IO on it when forced.
            try (PrDevice device = new SgIoPrDevice(loop.node(), DeviceClass.SCSI, SgIoExecutor.open(loop.node()),
                    Duration.ofSeconds(10))) {
                Failure.DeviceError f = assertInstanceOf(Failure.DeviceError.class, device.readKeys().failureOrNull());
                assertTrue(f.message().startsWith(loop.node() + ": PR IN READ KEYS failed: SG_IO: "), f.message());
                assertTrue(f.raw().equals("errno=ENOTTY") || f.raw().equals("errno=EINVAL"), f.raw());
                assertTrue(f.message().contains("(" + f.raw().substring("errno=".length()) + ")"), f.message());
            }
        }
    }

    @Test
    void deviceNotReadableByTheCallerGivesEacces() throws Exception {
        assumeTrue(LoopDevice.onPath("setpriv"), "needs setpriv (util-linux) to run a probe as an unprivileged user");
        try (LoopDevice loop = LoopDevice.attach(tmp)) {
            Path classpath = readableClasspath();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            LoopDevice.Result r = LoopDevice.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    java, "-XX:-UsePerfData", "-Dslf4j.internal.verbosity=ERROR", "--enable-native-access=ALL-UNNAMED",
                    "-cp", classpath + "/*:" + classpath, PermissionProbe.class.getName(), loop.node());
            assumeTrue(!r.output().contains("Could not find or load main class"),
                    "the unprivileged probe could not load its classes: " + r.output());
            String line = r.output().lines().filter(l -> l.startsWith("DeviceException") || l.startsWith("OPENED"))
                    .findFirst().orElse(r.output());
            assertTrue(line.equals("DeviceException[" + loop.node() + "] cannot open " + loop.node()
                    + ": Permission denied (EACCES) | errno=EACCES")
                    || line.contains("(EPERM) | errno=EPERM"), r.output());
            assertFalse(r.output().contains("\tat "), "no stack trace expected:\n" + r.output());
            assertEquals(0, r.exit(), r.output());
        }
    }

    /**
     * Copies the probe's classes and jars to a directory everyone can read (Maven's repository under
     * /root is not readable by the unprivileged user).
     */
    private Path readableClasspath() throws IOException, URISyntaxException {
        Path dir = tmp.resolve("cp");
        Files.createDirectories(dir);
        for (Class<?> c : new Class<?>[] {PermissionProbe.class, SgIoTransportProvider.class, PrDevice.class,
            org.slf4j.LoggerFactory.class}) {
            Path from = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(from)) {
                copyTree(from, dir);
            } else {
                Files.copy(from, dir.resolve(from.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return dir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
