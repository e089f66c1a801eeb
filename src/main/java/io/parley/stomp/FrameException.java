package io.parley.stomp;

/** A malformed STOMP frame. The message is short and safe to send back in an ERROR frame. */
public final class FrameException extends Exception {
    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}
