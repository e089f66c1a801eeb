package io.parley.bench;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** The bare-Jetty echo/broadcast server, driven through the same sockets and HTTP client. */
final class CeilingTarget implements Target {
    private final String baseUrl;
    private final Clients clients;

    CeilingTarget(String baseUrl, Clients clients) {
        this.baseUrl = baseUrl;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "bare Jetty";
    }

    @Override
    public CompletableFuture<Visitor> newVisitor() {
        return CompletableFuture.completedFuture(
                new Visitor(null, UUID.randomUUID().toString()));
    }

    @Override
    public CompletableFuture<Sock> openVisitorSocket(Visitor visitor) {
        String url = baseUrl.replaceFirst("^http", "ws") + "/ws?room=" + visitor.conversationId();
        // the same two round trips as STOMP's CONNECT and SUBSCRIBE, echoed
        return Sock.open(clients.socketClient(), url)
                .thenCompose(sock -> sock.request("hello")
                        .thenCompose(echo -> sock.request("subscribe"))
                        .thenApply(echo -> sock));
    }

    @Override
    public CompletableFuture<Integer> visitorSend(Visitor visitor, String text) {
        return clients.post(baseUrl + "/publish?room=" + visitor.conversationId(), null, text)
                .thenApply(response -> response.statusCode());
    }

    @Override
    public CompletableFuture<Integer> operatorSend(Visitor visitor, String text) {
        return visitorSend(visitor, text);
    }

    @Override
    public Sock openOperatorSocket() {
        return null;
    }
}
