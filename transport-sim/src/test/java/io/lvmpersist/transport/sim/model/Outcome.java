package io.lvmpersist.transport.sim.model;

import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrResult;

/** The coarse result of a PR command that the models predict. */
public enum Outcome {
    OK, CONFLICT, UNSUPPORTED_TYPE, UNSUPPORTED_FIELD, DEVICE_ERROR, OTHER;

    public static Outcome of(PrResult<?> result) {
        Failure f = result.failureOrNull();
        if (f == null) {
            return OK;
        }
        return switch (f) {
            case Failure.ReservationConflict c -> CONFLICT;
            case Failure.NotSupported n when n.what() == Failure.Unsupported.TYPE -> UNSUPPORTED_TYPE;
            case Failure.NotSupported n when n.what() == Failure.Unsupported.FIELD -> UNSUPPORTED_FIELD;
            case Failure.DeviceError d -> DEVICE_ERROR;
            default -> OTHER;
        };
    }
}
