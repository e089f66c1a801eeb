package io.parley.chatplugin;

import io.parley.channel.Widget;

/** {@code /chatplugin.config}: public settings only, never a secret; {@code next_open_at} only while closed. */
public record ConfigResponse(Widget widget, boolean online, String nextOpenAt) {}
