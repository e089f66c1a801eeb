package io.parley.operator;

public record AvailabilityRequest(String availability) {}
