package io.lvmpersist.transport.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The only place that calls libc: {@code open}, {@code close}, {@code ioctl}, {@code strerror}, and the
 * few socket calls syslog needs ({@code socket}, {@code connect}, {@code bind}, {@code send}, {@code recv}
 * on AF_UNIX datagram sockets, which {@code java.nio} cannot open).
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
    public static final int AF_UNIX = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_NOSIGNAL = 0x4000;
    /** sizeof(struct sockaddr_un): a 2-byte family, then a NUL-terminated path of at most 107 bytes. */
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int SUN_PATH_MAX = 107;

    private LinuxNative() {
    }

    /**
     * What every call needs. Each function is linked on first use, in its own holder class below:
     * linking a downcall costs about 10 ms in a cold JVM (far more under emulation), and a PR command
     * needs only open, ioctl and close.
     */
    private static final class Handles {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

        static MethodHandle link(String function, FunctionDescriptor descriptor, Linker.Option... options) {
            return LINKER.downcallHandle(LINKER.defaultLookup().find(function).orElseThrow(), descriptor, options);
        }
    }

    private static final class Open {
        static final MethodHandle OPEN = Handles.link("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
                Handles.CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    }

    private static final class Close {
        static final MethodHandle CLOSE = Handles.link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT),
                Handles.CAPTURE_ERRNO);
    }

    // int ioctl(int fd, unsigned long request, ...): the request is passed as a 64-bit value.
    private static final class Ioctl {
        static final MethodHandle IOCTL_PTR = Handles.link("ioctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                Handles.CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    }

    private static final class IoctlNoArgument {
        static final MethodHandle IOCTL_NOARG = Handles.link("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG),
                Handles.CAPTURE_ERRNO);
    }

    /** The AF_UNIX datagram calls of syslog. */
    private static final class Sockets {
        static final MethodHandle SOCKET = Handles.link("socket",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Handles.CAPTURE_ERRNO);
        // connect and bind share the signature int f(int fd, const struct sockaddr *addr, socklen_t len).
        static final MethodHandle CONNECT = Handles.link("connect",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), Handles.CAPTURE_ERRNO);
        static final MethodHandle BIND = Handles.link("bind",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), Handles.CAPTURE_ERRNO);
        // ssize_t send/recv(int fd, void *buf, size_t len, int flags)
        static final MethodHandle SEND = Handles.link("send",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), Handles.CAPTURE_ERRNO);
        static final MethodHandle RECV = Handles.link("recv",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), Handles.CAPTURE_ERRNO);
    }

    private static final class Strerror {
        static final MethodHandle STRERROR = Handles.link("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /**
     * Links open, close and ioctl on a background thread, so that the linking (tens of milliseconds in
     * a cold JVM, far more under emulation) overlaps with what a command does before its first ioctl:
     * running lvm, reading sysfs. A call made meanwhile waits for the linking to finish (class
     * initialisation); if linking fails, that call fails the same way, so errors here are dropped.
     */
    public static void linkAhead() {
        Thread linker = new Thread(() -> {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                for (Class<?> calls : List.of(Open.class, Close.class, Ioctl.class, IoctlNoArgument.class)) {
                    lookup.ensureInitialized(calls);   // initialising a holder links its call
                }
            } catch (Throwable ignored) {
                // reported by the first real call
            }
        }, "lvmpersist-link-ahead");
        linker.setDaemon(true);
        linker.start();
    }

    /** Opens {@code path} and returns the file descriptor. */
    public static int open(String path, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Handles.CAPTURE_LAYOUT);
            MemorySegment cPath = arena.allocateFrom(path);
            int fd = (int) Open.OPEN.invokeExact(errno, cPath, flags);
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
            int ignored = (int) Close.CLOSE.invokeExact(errno, fd);
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
            int rc = (int) Ioctl.IOCTL_PTR.invokeExact(errno, fd, request, arg);
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
            int rc = (int) IoctlNoArgument.IOCTL_NOARG.invokeExact(errno, fd, request);
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

    /** {@code socket(domain, type, protocol)}: returns the file descriptor; close it with {@link #close}. */
    public static int socket(int domain, int type, int protocol) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Handles.CAPTURE_LAYOUT);
            int fd = (int) Sockets.SOCKET.invokeExact(errno, domain, type, protocol);
            if (fd < 0) {
                throw failure("socket", "AF " + domain, errno);
            }
            return fd;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("native socket failed unexpectedly", t);
        }
    }

    /** Connects an AF_UNIX socket to the socket file {@code path} (e.g. {@code /dev/log}). */
    public static void connectUnix(int fd, String path) throws ErrnoException {
        unixAddressCall(Sockets.CONNECT, "connect", fd, path);
    }

    /** Binds an AF_UNIX socket to the new socket file {@code path}. */
    public static void bindUnix(int fd, String path) throws ErrnoException {
        unixAddressCall(Sockets.BIND, "bind", fd, path);
    }

    private static void unixAddressCall(MethodHandle call, String name, int fd, String path) throws ErrnoException {
        byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        if (pathBytes.length > SUN_PATH_MAX) {
            throw new ErrnoException(name, path, Errno.EINVAL, "socket path longer than 107 bytes");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Handles.CAPTURE_LAYOUT);
            MemorySegment address = arena.allocate(SOCKADDR_UN_SIZE); // zeroed: the path ends with a NUL
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(pathBytes, 0, address, JAVA_BYTE, 2, pathBytes.length);
            int rc = (int) call.invokeExact(errno, fd, address, 2 + pathBytes.length + 1);
            if (rc < 0) {
                throw failure(name, path, errno);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("native " + name + " failed unexpectedly", t);
        }
    }

    /** {@code send(fd, data, flags)} on a connected socket; returns the number of bytes sent. */
    public static int send(int fd, byte[] data, int flags, String what) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Handles.CAPTURE_LAYOUT);
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, data);
            long sent = (long) Sockets.SEND.invokeExact(errno, fd, buffer, (long) data.length, flags);
            if (sent < 0) {
                throw failure("send to", what, errno);
            }
            return (int) sent;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("native send failed unexpectedly", t);
        }
    }

    /**
     * {@code recv(fd, buffer, flags)}: returns the received bytes (one datagram, cut to
     * {@code maxLength}). With {@link #MSG_DONTWAIT} and nothing waiting it fails with EAGAIN.
     */
    public static byte[] recv(int fd, int maxLength, int flags, String what) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Handles.CAPTURE_LAYOUT);
            MemorySegment buffer = arena.allocate(maxLength);
            long received = (long) Sockets.RECV.invokeExact(errno, fd, buffer, (long) maxLength, flags);
            if (received < 0) {
                throw failure("recv from", what, errno);
            }
            return buffer.asSlice(0, received).toArray(JAVA_BYTE);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("native recv failed unexpectedly", t);
        }
    }

    /** libc's text for an errno value. */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) Strerror.STRERROR.invokeExact(errno);
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
