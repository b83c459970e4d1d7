package io.lvmpersist.transport.sim;

/** An NVMe completion with the returned data (only meaningful on success). */
public record NvmeReply<T>(NvmeStatus status, T data) {
    static <T> NvmeReply<T> success(T data) {
        return new NvmeReply<>(NvmeStatus.SUCCESS, data);
    }

    static <T> NvmeReply<T> failed(NvmeStatus status) {
        return new NvmeReply<>(status, null);
    }
}
