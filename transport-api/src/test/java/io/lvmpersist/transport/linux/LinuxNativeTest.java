package io.lvmpersist.transport.linux;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libc calls on this machine's kernel, including while {@link LinuxNative#linkAhead} is still linking. */
class LinuxNativeTest {
    private static final long SG_IO = 0x2285;

    @Test
    void callsMadeWhileLinkingAheadWaitForItAndWork() throws Exception {
        LinuxNative.linkAhead();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> errnos = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                errnos.add(threads.submit(() -> {
                    int fd = LinuxNative.open("/dev/null", LinuxNative.O_RDONLY | LinuxNative.O_CLOEXEC);
                    try (Arena arena = Arena.ofConfined()) {
                        ErrnoException e = assertThrows(ErrnoException.class,
                                () -> LinuxNative.ioctl(fd, SG_IO, arena.allocate(88), "/dev/null"));
                        return e.errno();
                    } finally {
                        LinuxNative.close(fd);
                    }
                }));
            }
            for (Future<Integer> errno : errnos) {
                assertEquals(Errno.ENOTTY, errno.get(), "/dev/null has no SG_IO");
            }
        }
    }

    @Test
    void aMissingPathIsEnoentWithTheCallNamed() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> LinuxNative.open("/nonexistent/lvmpersist-test", LinuxNative.O_RDONLY));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("/nonexistent/lvmpersist-test"), e.getMessage());
    }
}
