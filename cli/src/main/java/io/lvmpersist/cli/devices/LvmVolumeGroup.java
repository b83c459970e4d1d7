package io.lvmpersist.cli.devices;

import io.lvmpersist.cli.CommandFailedException;
import io.lvmpersist.cli.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lists the PVs of a VG with the real LVM tools, the way lvmpersist does
 * ({@code lvm vgs ... -o pv_name --rows}, sorted by PV UUID, {@code $LVM_BINARY} honoured).
 * PVs whose device is missing appear as {@code [unknown]} and are reported separately.
 */
public final class LvmVolumeGroup {
    private static final Logger LOG = LoggerFactory.getLogger(LvmVolumeGroup.class);
    private static final String SYSTEM_PATH = "/sbin:/usr/sbin:/bin:/usr/bin";

    /** PV device paths present, and the entries of PVs whose device is missing. */
    public record Members(List<String> present, List<String> missing) {
    }

    private final Map<String, String> environment;

    public LvmVolumeGroup(Map<String, String> environment) {
        this.environment = environment;
    }

    public Members members(String vg) throws CommandFailedException {
        String lvm = environment.getOrDefault("LVM_BINARY", "lvm");
        List<String> command = List.of(lvm, "vgs", "--nolocking", "--noheadings", "--separator", ":",
                "--sort", "pv_uuid", "-o", "pv_name", "--rows", "--config", "log/prefix=\"\"", vg);
        LOG.debug("running {}", String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command);
        String path = environment.get("PATH");
        builder.environment().put("PATH", path == null || path.isEmpty() ? SYSTEM_PATH : SYSTEM_PATH + ":" + path);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.DEVICE, "cannot run " + lvm + " to list the PVs of VG " + vg
                    + ": install lvm2 or set LVM_BINARY, or name the PVs with --device.");
        }
        try {
            process.getOutputStream().close();
            String out = read(process.getInputStream());
            String err = read(process.getErrorStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CommandFailedException(ExitCode.DEVICE, lvm + " vgs " + vg + " did not finish in 120 s.");
            }
            if (process.exitValue() != 0) {
                String reason = err.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst()
                        .orElse("exit status " + process.exitValue());
                throw new CommandFailedException(ExitCode.DEVICE, "Volume group " + vg + " not found or not readable ("
                        + reason + "): check the VG name with vgs.");
            }
            return parse(out);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.DEVICE, "reading the output of " + lvm + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(ExitCode.FAILED, "interrupted while running " + lvm);
        }
    }

    /** Parses the single row of ':'-separated PV names. */
    static Members parse(String output) {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String line : output.lines().toList()) {
            for (String entry : line.trim().split(":")) {
                String name = entry.trim();
                if (name.isEmpty()) {
                    continue;
                }
                (name.startsWith("/dev/") ? present : missing).add(name);
            }
        }
        return new Members(present, missing);
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
