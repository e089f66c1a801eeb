// Connects to Parley's /ws.chatplugin the way Airy's chat plugin widget does, with
// @stomp/stompjs 7 over the `ws` package, and prints what it receives as JSON lines:
//   {"event":"subscribed"}            after CONNECTED and SUBSCRIBE (receipt confirmed)
//   {"event":"message","body":{...}}  for every MESSAGE
//   {"event":"error","message":"..."} for a STOMP ERROR frame
// It exits 0 after EXPECT messages, 1 on timeout or a socket/STOMP error.
// Usage: PARLEY_WS_URL=ws://localhost:8080/ws.chatplugin PARLEY_TOKEN=<jwt> EXPECT=1 node stompjs-visitor.mjs
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

globalThis.WebSocket = WebSocket; // Node 20 has no global WebSocket; stompjs uses it for brokerURL

const url = process.env.PARLEY_WS_URL;
const token = process.env.PARLEY_TOKEN;
const expect = Number(process.env.EXPECT || '1');
const destination = process.env.DESTINATION || '/user/queue/message';
const print = (event) => process.stdout.write(JSON.stringify(event) + '\n');

let received = 0;
const client = new Client({
  brokerURL: url,
  connectHeaders: { Authorization: `Bearer ${token}` },
  heartbeatIncoming: 4000,
  heartbeatOutgoing: 4000,
  reconnectDelay: 0,
  onConnect: (frame) => {
    const receipt = 'sub-receipt';
    client.watchForReceipt(receipt, () => print({ event: 'subscribed', version: frame.headers.version, heartBeat: frame.headers['heart-beat'] }));
    client.subscribe(destination, (message) => {
      print({ event: 'message', body: JSON.parse(message.body), headers: message.headers });
      received += 1;
      if (received >= expect) {
        client.deactivate().then(() => process.exit(0));
      }
    }, { receipt });
  },
  onStompError: (frame) => {
    print({ event: 'error', message: frame.headers.message });
    process.exit(1);
  },
  onWebSocketError: (event) => {
    print({ event: 'error', message: String(event?.message || event) });
    process.exit(1);
  },
});
client.activate();

setTimeout(() => {
  print({ event: 'error', message: `timeout: received ${received} of ${expect}` });
  process.exit(1);
}, Number(process.env.TIMEOUT_MS || '30000'));
