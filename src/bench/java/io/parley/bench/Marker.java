package io.parley.bench;

/**
 * Every generated message text starts with "bench <id> <nanoTime at send>", so the receiving
 * socket knows which message it got and how long it took, whatever JSON wraps it.
 */
record Marker(int id, long sentNanos) {
    private static final String PREFIX = "bench ";

    static String text(int id) {
        return PREFIX + id + " " + System.nanoTime() + " hello from the load generator";
    }

    /** The marker in a frame, or null (heart-beats, unread counts, receipts). */
    static Marker find(String frame) {
        int start = frame.indexOf(PREFIX);
        if (start < 0) {
            return null;
        }
        int idStart = start + PREFIX.length();
        int idEnd = frame.indexOf(' ', idStart);
        int nanosEnd = frame.indexOf(' ', idEnd + 1);
        if (idEnd < 0 || nanosEnd < 0) {
            return null;
        }
        return new Marker(Integer.parseInt(frame, idStart, idEnd, 10), Long.parseLong(frame, idEnd + 1, nanosEnd, 10));
    }
}
