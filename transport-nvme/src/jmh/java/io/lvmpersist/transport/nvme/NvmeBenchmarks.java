package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.linux.ErrnoException;
import io.lvmpersist.transport.linux.LinuxNative;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The NVMe side: command encoding, Reservation Report decoding, and the passthrough ioctl round trip on
 * {@code /dev/null} (ENOTTY). Run with docs/bench/jmh.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NvmeBenchmarks {
    private static final ReservationKey KEY = ReservationKey.of(0x100000000000a001L);
    private static final ReservationKey OTHER = ReservationKey.of(0x100000000000a002L);

    private Arena arena;
    private int devNull;
    private NvmeCommand register;
    private byte[] extendedReport;

    @Setup(Level.Trial)
    public void open() throws ErrnoException {
        arena = Arena.ofConfined();
        devNull = LinuxNative.open("/dev/null", LinuxNative.O_RDONLY | LinuxNative.O_CLOEXEC);
        register = NvmeCommands.register(1, NvmeCommands.RegisterAction.REGISTER, true, NvmeCommands.Cptpl.NO_CHANGE,
                ReservationKey.NONE, KEY);
        // Extended report (EDS): 64-byte header with GEN 5, RTYPE 1, REGCTL 4; four 64-byte entries, key i+1.
        extendedReport = new byte[ReservationReport.bytesFor(true, 4)];
        extendedReport[0] = 5;
        extendedReport[4] = 1;
        extendedReport[5] = 4;
        for (int i = 0; i < 4; i++) {
            int at = ReservationReport.EXTENDED_HEADER + i * ReservationReport.EXTENDED_ENTRY;
            extendedReport[at] = (byte) (i + 1);
            extendedReport[at + 8] = (byte) (i + 1);
            extendedReport[at + 16] = (byte) (0x10 + i);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        LinuxNative.close(devNull);
        arena.close();
    }

    @Benchmark
    public NvmeCommand encodeRegister() {
        return NvmeCommands.register(1, NvmeCommands.RegisterAction.REPLACE, false, NvmeCommands.Cptpl.NO_CHANGE,
                KEY, OTHER);
    }

    @Benchmark
    public NvmeCommand encodeAcquirePreempt() {
        return NvmeCommands.acquire(1, NvmeCommands.AcquireAction.PREEMPT, ReservationType.WE, KEY, OTHER);
    }

    @Benchmark
    public ReservationReport decodeExtendedReport() {
        return ReservationReport.decode(extendedReport, true);
    }

    /** The executor's per-command path without a namespace: nvme_passthru_cmd filled, ioctl, ENOTTY. */
    @Benchmark
    public int passthruIoctlEnotty() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment cmd = call.allocate(PassthruCmd.LAYOUT);
            MemorySegment data = call.allocate(register.dataLength(), 4096);
            MemorySegment.copy(register.dataOut(), 0, data, java.lang.foreign.ValueLayout.JAVA_BYTE, 0,
                    register.dataLength());
            PassthruCmd.fill(cmd, register, data, 0);
            return LinuxNative.ioctl(devNull, PassthruCmd.NVME_IOCTL_IO_CMD, cmd, "/dev/null");
        } catch (ErrnoException e) {
            return e.errno();
        }
    }

    /** Opening a node that is not a namespace: open, NVME_IOCTL_ID (ENOTTY), close, the typed failure. */
    @Benchmark
    public Object openNotANamespace() {
        try {
            return PassthruExecutor.open("/dev/null", Duration.ZERO);
        } catch (DeviceException e) {
            return e;
        }
    }
}
