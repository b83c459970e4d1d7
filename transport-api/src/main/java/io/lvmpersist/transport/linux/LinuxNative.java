package io.lvmpersist.transport.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The only place that calls libc: {@code open}, {@code close}, {@code ioctl}, {@code strerror}.
 *
 * <p>errno is captured by the linker for each call ({@code captureCallState}); reading it later
 * would be wrong because the JVM may run other native code in between. Failures become an
 * {@link ErrnoException} at once. Handles are linked lazily, on first use, so loading a transport
 * provider never touches native code.
 */
@SuppressWarnings("restricted") // the one class allowed to call restricted FFM methods
public final class LinuxNative {
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    private LinuxNative() {
    }

    /** Linked on first use (holder idiom): the class is initialised only when native code is needed. */
    private static final class Handles {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

        static final MethodHandle OPEN = LINKER.downcallHandle(
                LINKER.defaultLookup().find("open").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
                CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
        static final MethodHandle CLOSE = LINKER.downcallHandle(
                LINKER.defaultLookup().find("close").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT),
                CAPTURE_ERRNO);
        // int ioctl(int fd, unsigned long request, ...): the request is passed as a 64-bit value.
        static final MethodHandle IOCTL_PTR = LINKER.downcallHandle(
                LINKER.defaultLookup().find("ioctl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
        static final MethodHandle IOCTL_NOARG = LINKER.downcallHandle(
                LINKER.defaultLookup().find("ioctl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG),
                CAPTURE_ERRNO);
        static final MethodHandle STRERROR = LINKER.downcallHandle(
                LINKER.defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** Opens {@code path} and returns the file descriptor. */
    public static int open(String path, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Handles.CAPTURE_LAYOUT);
            MemorySegment cPath = arena.allocateFrom(path);
            int fd = (int) Handles.OPEN.invokeExact(errno, cPath, flags);
            if (fd < 0) {
                throw failure("open", path, errno);
            }
            return fd;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("native open failed unexpectedly", t);
        }
    }

    /** Closes {@code fd}; errors are ignored because there is nothing a caller could do about them. */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Handles.CAPTURE_LAYOUT);
            int ignored = (int) Handles.CLOSE.invokeExact(errno, fd);
            assert ignored >= -1;
        } catch (Throwable t) {
            throw new AssertionError("native close failed unexpectedly", t);
        }
    }

    /**
     * {@code ioctl(fd, request, arg)}.
     *
     * @param what names the device in the error message
     * @return the non-negative return value (NVMe passthrough returns the NVMe status here)
     */
    public static int ioctl(int fd, long request, MemorySegment arg, String what) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Handles.CAPTURE_LAYOUT);
            int rc = (int) Handles.IOCTL_PTR.invokeExact(errno, fd, request, arg);
            if (rc < 0) {
                throw failure("ioctl 0x" + Long.toHexString(request) + " on", what, errno);
            }
            return rc;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("native ioctl failed unexpectedly", t);
        }
    }

    /** {@code ioctl(fd, request)} for requests without an argument (e.g. NVME_IOCTL_ID). */
    public static int ioctl(int fd, long request, String what) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Handles.CAPTURE_LAYOUT);
            int rc = (int) Handles.IOCTL_NOARG.invokeExact(errno, fd, request);
            if (rc < 0) {
                throw failure("ioctl 0x" + Long.toHexString(request) + " on", what, errno);
            }
            return rc;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("native ioctl failed unexpectedly", t);
        }
    }

    /** libc's text for an errno value. */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) Handles.STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw new AssertionError("native strerror failed unexpectedly", t);
        }
    }

    private static ErrnoException failure(String call, String path, MemorySegment captured) {
        int errno = (int) Handles.ERRNO.get(captured, 0L);
        return new ErrnoException(call, path, errno, strerror(errno));
    }
}
