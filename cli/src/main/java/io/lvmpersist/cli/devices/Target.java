package io.lvmpersist.cli.devices;

import io.lvmpersist.transport.spi.DeviceMatch;

/** A device the command acts on: the path as given, and the transport's claim on it. */
public record Target(String path, DeviceMatch match) {
}
