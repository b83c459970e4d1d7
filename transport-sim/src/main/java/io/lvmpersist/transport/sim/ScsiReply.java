package io.lvmpersist.transport.sim;

/** A PERSISTENT RESERVE IN completion: the status and, when GOOD, the decoded parameter data. */
public record ScsiReply<T>(ScsiStatus status, T data) {
    static <T> ScsiReply<T> good(T data) {
        return new ScsiReply<>(ScsiStatus.GOOD, data);
    }

    static <T> ScsiReply<T> failed(ScsiStatus status) {
        return new ScsiReply<>(status, null);
    }
}
