package io.parley.bench;

import java.util.concurrent.CompletableFuture;

/** A server under test, as the load generator drives it: Parley, or the bare-Jetty ceiling. */
interface Target {
    String name();

    /** A visitor with a conversation of its own (Parley: authenticate; ceiling: a room). */
    CompletableFuture<Visitor> newVisitor();

    /** A visitor socket ready to receive: Parley CONNECT + SUBSCRIBE; the ceiling gets two echoes. */
    CompletableFuture<Sock> openVisitorSocket(Visitor visitor);

    /** Posts a visitor message; completes with the HTTP status. */
    CompletableFuture<Integer> visitorSend(Visitor visitor, String text);

    /** Posts an operator reply into the visitor's conversation; completes with the HTTP status. */
    CompletableFuture<Integer> operatorSend(Visitor visitor, String text);

    /** An operator socket hearing every conversation, or null when the target has none. */
    Sock openOperatorSocket() throws Exception;

    record Visitor(String token, String conversationId) {}
}
