package io.lvmpersist.cli.scripted;

import io.lvmpersist.transport.Backoff;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.nvme.NvmeExecutor;
import io.lvmpersist.transport.nvme.NvmePrDevice;
import io.lvmpersist.transport.sgio.ScsiExecutor;
import io.lvmpersist.transport.sgio.SgIoPrDevice;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.TransportProvider;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A test-only transport (registered in src/test/resources/META-INF/services) that lets a CLI test run a real
 * command on the REAL SgIoPrDevice / NvmePrDevice, with only the ioctl layer replaced by a scripted
 * executor. A test installs an executor under a fresh path and passes that path as {@code --device}; every
 * other path is left to the real transports. Resends are not paced ({@link Backoff#none()}), so a test that
 * counts them does not sleep.
 */
public final class ScriptedTransportProvider implements TransportProvider {
    public static final String NAME = "scripted";
    private static final String PREFIX = "/scripted/";

    private record Scripted(DeviceClass deviceClass, Function<TransportContext, PrDevice> open) {
    }

    private static final Map<String, Scripted> DEVICES = new ConcurrentHashMap<>();

    /** Trivial, as ServiceLoader requires. */
    public ScriptedTransportProvider() {
    }

    /** A new device path whose SG_IO calls go to {@code executor}. */
    public static String scsi(ScsiExecutor executor) {
        String path = PREFIX + "sd-" + UUID.randomUUID();
        DEVICES.put(path, new Scripted(DeviceClass.SCSI, context ->
                new SgIoPrDevice(path, DeviceClass.SCSI, executor, context.timeout(), Backoff.none())));
        return path;
    }

    /** A new device path (namespace 1) whose NVMe passthrough calls go to {@code executor}. */
    public static String nvme(NvmeExecutor executor) {
        String path = PREFIX + "nvme-" + UUID.randomUUID();
        DEVICES.put(path, new Scripted(DeviceClass.NVME, context ->
                new NvmePrDevice(path, 1, executor, context.timeout(), Backoff.none())));
        return path;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<DeviceMatch> match(String path, TransportContext context) {
        return Optional.ofNullable(DEVICES.get(path))
                .map(s -> new DeviceMatch(path, path, s.deviceClass(), path, NAME));
    }

    @Override
    public PrDevice open(DeviceMatch match, TransportContext context) throws DeviceException {
        Scripted scripted = DEVICES.get(match.path());
        if (scripted == null) {
            throw new DeviceException(match.path(), new Failure.DeviceError("no scripted device " + match.path(), ""));
        }
        return scripted.open().apply(context);
    }
}
