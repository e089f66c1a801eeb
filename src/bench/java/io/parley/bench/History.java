package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scenario 5: resuming a long conversation (/chatplugin.authenticate with a resume token returns
 * its whole history) and listing conversations (/conversations.list), one call at a time.
 */
final class History {
    private static final int WARM_UP = 20;

    record Result(Latencies resume, int resumeMessages, Latencies list, String listNote) {
    }

    static Result run(Clients clients, String baseUrl, String apiToken, String channelId, String conversationId,
            int calls) {
        JsonNode token = ParleyTarget.read(clients.post(baseUrl + "/chatplugin.resumeToken", apiToken,
                "{\"channel_id\":\"" + channelId + "\",\"conversation_id\":\"" + conversationId + "\"}").join().body());
        String resumeBody = "{\"resume_token\":\"" + token.get("resume_token").asText() + "\"}";
        Latencies resume = new Latencies();
        int messages = -1;
        for (int i = 0; i < WARM_UP + calls; i++) {
            long start = System.nanoTime();
            var response = clients.post(baseUrl + "/chatplugin.authenticate", null, resumeBody).join();
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("resume: " + response.statusCode() + " " + response.body());
            }
            if (i >= WARM_UP) {
                resume.add(took);
            } else if (i == 0) {
                messages = ParleyTarget.read(response.body()).get("messages").size();
            }
        }
        Latencies list = new Latencies();
        String note = null;
        for (int i = 0; i < WARM_UP + calls && note == null; i++) {
            long start = System.nanoTime();
            var response = clients.post(baseUrl + "/conversations.list", apiToken, "{\"page_size\":20}").join();
            long took = System.nanoTime() - start;
            if (response.statusCode() == 404) {
                note = "/conversations.list not available (404)";
            } else if (response.statusCode() != 200
                    || ParleyTarget.read(response.body()).get("data").size() != 20) {
                note = "/conversations.list answered " + response.statusCode();
            } else if (i >= WARM_UP) {
                list.add(took);
            }
        }
        return new Result(resume, messages, list, note);
    }
}
