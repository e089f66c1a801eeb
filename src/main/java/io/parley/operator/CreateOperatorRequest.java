package io.parley.operator;

public record CreateOperatorRequest(String email, String name, String role, String password, String avatarUrl) {}
