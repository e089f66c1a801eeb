package io.parley.chatplugin;

/**
 * Whether anyone can answer right now: at least one person (an admin or agent, never a bot or
 * the system API token) is online. Team presence provides the real answer; until then the
 * server knows no people, so nobody is online.
 */
public interface OnlineOperators {
    OnlineOperators NOBODY = () -> false;

    boolean anyPersonOnline();
}
