package io.parley.operator;

public record LoginResponse(String token, OperatorView operator) {}
