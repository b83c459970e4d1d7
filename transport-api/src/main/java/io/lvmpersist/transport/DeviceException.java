package io.lvmpersist.transport;

/**
 * A device could not be opened or classified: missing path, permission, not a PR-capable device.
 * The message is one line naming the device and, where there is one, the fix.
 */
public final class DeviceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String device;
    private final transient Failure failure;

    public DeviceException(String device, Failure failure) {
        this(device, failure.message(), failure);
    }

    /** @param message one line that names the device and the fix */
    public DeviceException(String device, String message, Failure failure) {
        super(message);
        this.device = device;
        this.failure = failure;
    }

    public DeviceException(String device, String message, Throwable cause) {
        super(message, cause);
        this.device = device;
        this.failure = new Failure.DeviceError(message, "");
    }

    public String device() {
        return device;
    }

    public Failure failure() {
        return failure;
    }
}
