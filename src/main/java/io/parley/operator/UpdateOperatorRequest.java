package io.parley.operator;

public record UpdateOperatorRequest(
        String operatorId,
        String name,
        String role,
        String avatarUrl,
        String password,
        String currentPassword,
        Boolean disabled,
        Boolean emailNotifications) {}
