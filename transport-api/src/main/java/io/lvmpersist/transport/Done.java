package io.lvmpersist.transport;

/** The value of a successful command that returns no data (a PERSISTENT RESERVE OUT, an NVMe register...). */
public enum Done {
    DONE
}
