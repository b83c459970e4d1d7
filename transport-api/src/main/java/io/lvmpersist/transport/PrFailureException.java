package io.lvmpersist.transport;

/** Carries a {@link Failure} through code that prefers exceptions for the unhappy path. */
public final class PrFailureException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Failure failure;

    public PrFailureException(Failure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
