package io.lvmpersist.transport.sgio;

/** The device returned data that does not follow the SPC layout (too short, impossible lengths or codes). */
public final class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }
}
