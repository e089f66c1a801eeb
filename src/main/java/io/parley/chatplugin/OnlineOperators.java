package io.parley.chatplugin;

/**
 * Whether anyone can answer right now: at least one person (an admin or agent, never a bot or
 * the system API token) is online. Team presence gives the answer.
 */
public interface OnlineOperators {
    boolean anyPersonOnline();

    /**
     * The answer kept for {@code ttlMs}: {@code /chatplugin.config} is public and called on every
     * page view, so it must not cost a database query each time.
     */
    static OnlineOperators cached(OnlineOperators source, long ttlMs) {
        return new OnlineOperators() {
            private boolean checked;
            private long checkedAtMs;
            private boolean answer;

            @Override
            public synchronized boolean anyPersonOnline() {
                long now = System.nanoTime() / 1_000_000;
                if (!checked || now - checkedAtMs >= ttlMs) {
                    answer = source.anyPersonOnline();
                    checked = true;
                    checkedAtMs = now;
                }
                return answer;
            }
        };
    }
}
