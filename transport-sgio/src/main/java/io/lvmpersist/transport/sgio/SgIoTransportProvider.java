package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.linux.ErrnoException;
import io.lvmpersist.transport.linux.LinuxNative;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.TransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The "sgio" transport: SCSI disks, their sg nodes and dm-multipath maps, driven with SG_IO.
 * On a multipath map the kernel forwards SG_IO to one current path only.
 */
public final class SgIoTransportProvider implements TransportProvider {
    public static final String NAME = "sgio";
    private static final Logger LOG = LoggerFactory.getLogger(SgIoTransportProvider.class);

    /** Trivial on purpose: ServiceLoader instantiates every provider. */
    public SgIoTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<DeviceMatch> match(String path, TransportContext context) throws DeviceException {
        return ScsiSysfs.classify(path, context.sysRoot())
                .map(c -> new DeviceMatch(path, c.node(), c.deviceClass(), c.identity(), NAME, c.wwid()));
    }

    @Override
    public PrDevice open(DeviceMatch match, TransportContext context) throws DeviceException {
        if (match.deviceClass() == DeviceClass.MULTIPATH) {
            // Every path is its own I_T nexus: register on each, reserve through one.
            return MultipathMaps.open(match, context.sysRoot(), node -> open(
                    new DeviceMatch(node, node, DeviceClass.SCSI, node, NAME), context));
        }
        try {
            SgIoExecutor executor = SgIoExecutor.open(match.node());
            LOG.debug("{}: opened {} for SG_IO ({}, LU {})", match.path(), match.node(), match.deviceClass(),
                    match.identity());
            return new SgIoPrDevice(match.path(), match.deviceClass(), executor, context.timeout());
        } catch (ErrnoException e) {
            String named = match.path().equals(match.node()) ? match.path() : match.path() + " (" + match.node() + ")";
            String message = "cannot open " + named + ": " + LinuxNative.strerror(e.errno())
                    + " (" + e.errnoName() + ")";
            throw new DeviceException(match.path(), message,
                    new Failure.DeviceError(message, "errno=" + e.errnoName()));
        }
    }
}
