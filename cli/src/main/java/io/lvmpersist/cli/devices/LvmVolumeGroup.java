package io.lvmpersist.cli.devices;

import io.lvmpersist.cli.CommandFailedException;
import io.lvmpersist.cli.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Lists the PVs of a VG with the real LVM tools, the way lvmpersist does
 * ({@code lvm vgs ... -o pv_name --rows}, sorted by PV UUID, {@code $LVM_BINARY} honoured).
 * PVs whose device is missing appear as {@code [unknown]} and are reported separately.
 *
 * <p>Which lvm runs is {@link LvmBinary}'s choice; lvm gets a deadline ({@code LVMPERSIST_LVM_TIMEOUT}
 * seconds, default 120) and at most 4 MiB of output ({@link BoundedProcess}).
 */
public final class LvmVolumeGroup {
    private static final Logger LOG = LoggerFactory.getLogger(LvmVolumeGroup.class);
    /** lvm's own PATH: never the caller's (see {@link LvmBinary}). */
    private static final String SYSTEM_PATH = "/usr/sbin:/sbin:/usr/bin:/bin";
    static final String TIMEOUT_VARIABLE = "LVMPERSIST_LVM_TIMEOUT";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    // One PV name per PV: 4 MiB is tens of thousands of PVs. stderr only supplies the first line of an error.
    private static final int STDOUT_LIMIT = 4 * 1024 * 1024;
    private static final int STDERR_LIMIT = 64 * 1024;

    /** PV device paths present, and the entries of PVs whose device is missing. */
    public record Members(List<String> present, List<String> missing) {
    }

    private final Map<String, String> environment;
    private final boolean root;

    public LvmVolumeGroup(Map<String, String> environment) {
        this(environment, LvmBinary.runningAsRoot());
    }

    LvmVolumeGroup(Map<String, String> environment, boolean root) {
        this.environment = environment;
        this.root = root;
    }

    public Members members(String vg) throws CommandFailedException {
        Duration timeout = timeout();
        String lvm = LvmBinary.locate(environment, root, vg);
        // "--" ends lvm's options: the VG name is an operand even if it looked like an option.
        List<String> command = List.of(lvm, "vgs", "--nolocking", "--noheadings", "--separator", ":",
                "--sort", "pv_uuid", "-o", "pv_name", "--rows", "--config", "log/prefix=\"\"", "--", vg);
        LOG.debug("running {}", String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", SYSTEM_PATH);
        BoundedProcess.Result result;
        try {
            result = new BoundedProcess(timeout, STDOUT_LIMIT, STDERR_LIMIT).run(builder);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.DEVICE, "cannot run " + lvm + " to list the PVs of VG " + vg
                    + ": install lvm2 or set LVM_BINARY, or name the PVs with --device.");
        } catch (TimeoutException e) {
            throw new CommandFailedException(ExitCode.DEVICE, lvm + " vgs " + vg + " did not finish in "
                    + timeout.toSeconds() + " s and was stopped: check LVM (locks, hung devices), or name the PVs"
                    + " with --device.");
        } catch (BoundedProcess.TooMuchOutput e) {
            throw new CommandFailedException(ExitCode.DEVICE, lvm + " vgs " + vg + " was stopped: " + e.getMessage()
                    + ", more than PV names can take: check LVM_BINARY, or name the PVs with --device.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(ExitCode.FAILED, "interrupted while running " + lvm);
        }
        if (result.exitCode() != 0) {
            String reason = result.stderr().lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst()
                    .orElse("exit status " + result.exitCode());
            throw new CommandFailedException(ExitCode.DEVICE, "Volume group " + vg + " not found or not readable ("
                    + reason + "): check the VG name with vgs.");
        }
        return parse(result.stdout());
    }

    /** {@code LVMPERSIST_LVM_TIMEOUT}: whole seconds, 1 to 3600. */
    private Duration timeout() throws CommandFailedException {
        String text = environment.get(TIMEOUT_VARIABLE);
        if (text == null || text.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            int seconds = Integer.parseInt(text);
            if (seconds >= 1 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandFailedException(ExitCode.USAGE, "Invalid " + TIMEOUT_VARIABLE + "="
                + VolumeGroupName.visible(text) + ": give 1 to 3600 seconds, or unset it.");
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
}
