package io.lvmpersist.cli.command;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.ReservationType;

/**
 * Which reservation type each device gets: lvmpersist's {@code --access} table, or one {@code --prtype} for all.
 */
public record TypePolicy(String access, ReservationType forcedType) {

    public static TypePolicy access(String mode) {
        return new TypePolicy(mode, null);
    }

    public static TypePolicy forced(ReservationType type) {
        return new TypePolicy(null, type);
    }

    /** ex: WE on SCSI and NVMe, WEAR on dm-multipath (so every path stays usable); sh: WEAR everywhere. */
    public ReservationType typeFor(DeviceClass deviceClass) {
        if (forcedType != null) {
            return forcedType;
        }
        if ("sh".equals(access) || deviceClass == DeviceClass.MULTIPATH) {
            return ReservationType.WEAR;
        }
        return ReservationType.WE;
    }
}
