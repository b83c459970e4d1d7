package io.lvmpersist.transport.linux;

import java.io.IOException;

/** A libc call failed; carries errno, the call and the path so the message names all three. */
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;
    private final String call;

    public ErrnoException(String call, String path, int errno, String description) {
        super(call + " " + path + ": " + description + " (" + Errno.name(errno) + ")");
        this.errno = errno;
        this.call = call;
    }

    public int errno() {
        return errno;
    }

    public String call() {
        return call;
    }

    public String errnoName() {
        return Errno.name(errno);
    }
}
