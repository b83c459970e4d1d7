package io.lvmpersist.transport;

import java.util.function.Function;

/**
 * The typed result of one PR command: {@link Ok} with a value, or {@link Failed} with a {@link Failure}.
 */
public sealed interface PrResult<T> {

    record Ok<T>(T value) implements PrResult<T> {
    }

    record Failed<T>(Failure failure) implements PrResult<T> {
    }

    static <T> PrResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static PrResult<Done> done() {
        return new Ok<>(Done.DONE);
    }

    static <T> PrResult<T> failed(Failure failure) {
        return new Failed<>(failure);
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The failure, or null when the command succeeded. */
    default Failure failureOrNull() {
        return this instanceof Failed<T> f ? f.failure() : null;
    }

    default <R> PrResult<R> map(Function<? super T, ? extends R> mapper) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(mapper.apply(ok.value()));
            case Failed<T> failed -> new Failed<>(failed.failure());
        };
    }
}
