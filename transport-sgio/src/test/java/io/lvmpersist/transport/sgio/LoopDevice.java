package io.lvmpersist.transport.sgio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A loop device over a temporary file, for tests that need a real block device that is not SCSI. */
final class LoopDevice implements AutoCloseable {
    private final String node;

    private LoopDevice(String node) {
        this.node = node;
    }

    /** Attaches a loop device, or skips the test (with the reason) when this machine cannot. */
    static LoopDevice attach(Path dir) throws IOException, InterruptedException {
        assumeTrue(isRoot(), "needs root to attach a loop device (losetup)");
        Path backing = dir.resolve("loop-backing.img");
        try (var file = Files.newByteChannel(backing, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            file.truncate(0);
            file.position(1024 * 1024 - 1);
            file.write(java.nio.ByteBuffer.wrap(new byte[1]));
        }
        Result r = run("losetup", "-f", "--show", backing.toString());
        assumeTrue(r.exit == 0 && r.output.startsWith("/dev/loop"),
                "cannot attach a loop device here (losetup said: " + r.output.strip() + ")");
        return new LoopDevice(r.output.strip());
    }

    String node() {
        return node;
    }

    /** Always detaches, even when the test failed or was interrupted. */
    @Override
    public void close() throws IOException {
        try {
            Result r = run("losetup", "-d", node);
            if (r.exit != 0) {
                throw new IOException("losetup -d " + node + " failed: " + r.output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while detaching " + node, e);
        }
    }

    static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
    }

    record Result(int exit, String output) {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, command[0] + ": " + e.getMessage());
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, command[0] + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
