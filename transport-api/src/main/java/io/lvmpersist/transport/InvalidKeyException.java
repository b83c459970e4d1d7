package io.lvmpersist.transport;

/** A key given by the user is not a valid 64-bit reservation key; the message says why and how to fix it. */
public final class InvalidKeyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String input;

    public InvalidKeyException(String input, String message) {
        super(message);
        this.input = input;
    }

    /** The text that was rejected (may be null). */
    public String input() {
        return input;
    }
}
