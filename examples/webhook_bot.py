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
        if not hmac.compare_digest(signed, self.headers.get("X-Parley-Signature", "")): return self.status(401)
        event = json.loads(body)
        if event.get("from_contact") and event["id"] not in seen:  # never answer operators, i.e. ourselves
            reply = {"conversation_id": event["conversation_id"], "message": {"text": fit("You said: " + event["text"])}}
            try: urllib.request.urlopen(urllib.request.Request(PARLEY + "/messages.send", json.dumps(reply).encode(),
                                                               {"Authorization": "Bearer " + TOKEN}), timeout=10)
            except OSError as e: print("reply failed, Parley will retry:", e); return self.status(503)
            seen.add(event["id"])
        self.status(204)  # a 2xx only once answered: Parley retries anything else

    def status(self, code): self.send_response(code); self.end_headers()

HTTPServer(("", int(os.environ.get("PORT", "8000"))), Hook).serve_forever()
