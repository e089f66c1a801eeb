package io.parley.bench;

import java.util.concurrent.CompletableFuture;

/**
 * Two Parley nodes on one PostgreSQL database, as behind a load balancer without sticky sessions
 * at its worst: every request goes to node A, every socket to node B, so each delivery crosses.
 */
final class TwoNodeTarget implements Target {
    private final ParleyTarget a;
    private final ParleyTarget b;

    TwoNodeTarget(ParleyTarget a, ParleyTarget b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public String name() {
        return "Parley, 2 nodes";
    }

    @Override
    public CompletableFuture<Visitor> newVisitor() {
        return a.newVisitor();
    }

    @Override
    public CompletableFuture<Sock> openVisitorSocket(Visitor visitor) {
        return b.openVisitorSocket(visitor);
    }

    @Override
    public CompletableFuture<Integer> visitorSend(Visitor visitor, String text) {
        return a.visitorSend(visitor, text);
    }

    @Override
    public CompletableFuture<Integer> operatorSend(Visitor visitor, String text) {
        return a.operatorSend(visitor, text);
    }

    @Override
    public Sock openOperatorSocket() {
        return b.openOperatorSocket();
    }
}
