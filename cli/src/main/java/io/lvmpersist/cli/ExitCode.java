package io.lvmpersist.cli;

/**
 * The documented exit codes. LVM and lvmlockd only test for zero; scripts can tell the causes apart.
 */
public final class ExitCode {
    /** Everything asked for was done and verified. */
    public static final int OK = 0;
    /** A PR command failed or a verification did not hold on at least one device. */
    public static final int FAILED = 1;
    /** The command line is wrong (unknown command or option, bad key, bad type); nothing was done. */
    public static final int USAGE = 2;
    /** Another host's reservation or registration blocked the command (RESERVATION CONFLICT). */
    public static final int CONFLICT = 3;
    /** A device or VG problem: missing device, missing PV, not a PR-capable device, VG not found. */
    public static final int DEVICE = 4;
    /** A bug in lvmpersist itself; please report it with the output of --debug. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
