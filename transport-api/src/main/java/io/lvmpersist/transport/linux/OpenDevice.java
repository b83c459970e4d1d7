package io.lvmpersist.transport.linux;

/** An open file descriptor that closes itself. */
public final class OpenDevice implements AutoCloseable {
    private final String path;
    private int fd;

    private OpenDevice(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens read-only and non-blocking: enough for SG_IO and NVMe passthrough as root, and opening
     *  read-only avoids the udev "change" event a writable close triggers. */
    public static OpenDevice openReadOnly(String path) throws ErrnoException {
        return new OpenDevice(path, LinuxNative.open(path,
                LinuxNative.O_RDONLY | LinuxNative.O_NONBLOCK | LinuxNative.O_CLOEXEC));
    }

    public static OpenDevice open(String path, int flags) throws ErrnoException {
        return new OpenDevice(path, LinuxNative.open(path, flags));
    }

    public String path() {
        return path;
    }

    public int fd() {
        if (fd < 0) {
            throw new IllegalStateException(path + " is closed");
        }
        return fd;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            LinuxNative.close(fd);
            fd = -1;
        }
    }
}
