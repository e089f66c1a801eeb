# A Parley bot: answers each visitor message. Needs PARLEY_URL, PARLEY_TOKEN (API token), WEBHOOK_SECRET (api_secret).
import hashlib, hmac, json, os, urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
PARLEY, TOKEN, SECRET = os.environ["PARLEY_URL"], os.environ["PARLEY_TOKEN"], os.environ["WEBHOOK_SECRET"].encode()
seen = set()  # delivery is at-least-once: answer each message id once

def fit(text):  # Parley takes at most 10,000 UTF-16 units (an emoji counts two): cut a longer reply to fit
    while len(text.encode("utf-16-le")) > 20000: text = text[:-1]
    return text

class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        signed = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        ok = hmac.compare_digest(signed, self.headers.get("X-Parley-Signature", ""))
        self.send_response(204 if ok else 401); self.end_headers()  # acknowledge first; Parley retries non-2xx
        event = json.loads(body) if ok else {}
        if event.get("from_contact") and event["id"] not in seen:  # never answer operators, i.e. ourselves
            seen.add(event["id"])
            reply = {"conversation_id": event["conversation_id"], "message": {"text": fit("You said: " + event["text"])}}
            urllib.request.urlopen(urllib.request.Request(PARLEY + "/messages.send", json.dumps(reply).encode(),
                                                          {"Authorization": "Bearer " + TOKEN}))

HTTPServer(("", int(os.environ.get("PORT", "8000"))), Hook).serve_forever()
