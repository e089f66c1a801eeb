package io.parley.operator;

public record LoginRequest(String email, String password) {}
