package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.linux.Errno;
import io.lvmpersist.transport.linux.OpenDevice;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real ioctl path against devices on this machine that are not NVMe: errors must be typed and name the device. */
class PassthruExecutorNativeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path tmp;
    private String loopDevice;

    @AfterEach
    void detachLoop() throws Exception {
        if (loopDevice != null) {
            run("losetup", "-d", loopDevice);
        }
    }

    @Test
    void devNullIsNotANamespace() {
        DeviceException e = assertThrows(DeviceException.class, () -> PassthruExecutor.open("/dev/null", TIMEOUT));
        assertEquals("/dev/null", e.device());
        assertTrue(e.getMessage().contains("/dev/null") && e.getMessage().contains("ENOTTY"), e.getMessage());
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class, e.failure());
        assertEquals(Failure.Unsupported.DEVICE, f.what());
        assertEquals("ENOTTY", f.raw());
    }

    @Test
    void providerOpenOfANonNamespaceIsATypedDeviceException() {
        DeviceMatch match = new DeviceMatch("/dev/null", "/dev/null", DeviceClass.NVME, "1:3", "nvme");
        DeviceException e = assertThrows(DeviceException.class,
                () -> new NvmeTransportProvider().open(match, TransportContext.system()));
        assertEquals("/dev/null is not an NVMe namespace: ioctl 0x4e40 on /dev/null: "
                + "Inappropriate ioctl for device (ENOTTY)", e.getMessage());
    }

    @Test
    void missingNodeNamesTheNodeAndEnoent() {
        String path = tmp.resolve("nvme9n9").toString();
        DeviceException e = assertThrows(DeviceException.class, () -> PassthruExecutor.open(path, TIMEOUT));
        assertTrue(e.getMessage().contains(path) && e.getMessage().contains("ENOENT"), e.getMessage());
        assertEquals("ENOENT", e.failure().raw());
    }

    @Test
    void loopDeviceRejectsNvmeIoctlId() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a loop device");
        Path backing = tmp.resolve("backing.img");
        Files.write(backing, new byte[1 << 20]);
        String out;
        try {
            out = run("losetup", "-f", "--show", backing.toString());
        } catch (IOException e) {
            assumeTrue(false, "losetup unavailable: " + e.getMessage());
            return;
        }
        loopDevice = out.trim();
        assumeTrue(loopDevice.startsWith("/dev/loop"), "losetup did not attach: " + out);

        DeviceException e = assertThrows(DeviceException.class, () -> PassthruExecutor.open(loopDevice, TIMEOUT));
        assertEquals(loopDevice, e.device());
        assertTrue(e.getMessage().startsWith(loopDevice + " is not an NVMe namespace"), e.getMessage());
        assertTrue(e.getMessage().matches(".*\\((ENOTTY|EINVAL)\\)$"), e.getMessage());
        assertInstanceOf(Failure.NotSupported.class, e.failure());
    }

    @Test
    void passthroughOnDevNullComesBackAsATypedErrorNotAnException() throws Exception {
        // Skip NVME_IOCTL_ID to reach the passthrough ioctl itself.
        try (PassthruExecutor executor = new PassthruExecutor(OpenDevice.openReadOnly("/dev/null"), 1, TIMEOUT)) {
            NvmeResponse r = executor.execute(NvmeCommands.report(1, 4096, true), false);
            assertEquals(Errno.ENOTTY, r.errno());
            assertTrue(r.error().contains("/dev/null") && r.error().contains("ENOTTY"), r.error());

            NvmeResponse admin = executor.execute(NvmeCommands.identifyController(), true);
            assertEquals(Errno.ENOTTY, admin.errno());
            assertTrue(admin.error().contains("0xc0484e41"), admin.error());

            NvmePrDevice device = new NvmePrDevice("/dev/null", 1, executor, TIMEOUT);
            Failure f = assertInstanceOf(PrResult.Failed.class, device.readKeys()).failure();
            Failure.DeviceError error = assertInstanceOf(Failure.DeviceError.class, f);
            assertTrue(error.detail().contains("/dev/null") && error.detail().contains("ENOTTY"), error.detail());
            assertEquals("ENOTTY", error.raw());
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
