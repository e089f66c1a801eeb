package io.parley.chatplugin;

import io.parley.channel.BusinessHours;
import io.parley.channel.Widget;
import io.parley.json.Times;
import java.time.Instant;

/** Whether a channel's widget is online: inside business hours (or none set) and someone to answer. */
final class WidgetConfig {
    private WidgetConfig() {}

    static ConfigResponse of(Widget widget, Instant now, boolean anyoneOnline) {
        BusinessHours hours = widget.businessHours();
        if (hours == null) {
            return new ConfigResponse(widget, anyoneOnline, null);
        }
        String nextOpenAt =
                hours.nextOpening(now).map(at -> Times.iso(at.toEpochMilli())).orElse(null);
        return new ConfigResponse(widget, anyoneOnline && hours.isOpen(now), nextOpenAt);
    }
}
