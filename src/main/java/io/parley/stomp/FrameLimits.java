package io.parley.stomp;

/**
 * Bounds on what one received frame may use. {@code maxFrameBytes} counts the command, header
 * and blank lines (line ends included) plus the body, not the closing NUL nor heart-beats.
 */
public record FrameLimits(int maxFrameBytes, int maxHeaders, int maxHeaderLineBytes) {
    public static final FrameLimits DEFAULT = new FrameLimits(64 * 1024, 64, 8 * 1024);

    public FrameLimits {
        if (maxFrameBytes < 1 || maxHeaders < 0 || maxHeaderLineBytes < 1) {
            throw new IllegalArgumentException("frame limits must be positive");
        }
    }
}
