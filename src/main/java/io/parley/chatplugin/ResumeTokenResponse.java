package io.parley.chatplugin;

public record ResumeTokenResponse(String resumeToken) {}
