// The peer of hoyo-bench fanout: a Node.js server with the `ws` package on
// the same WebSocket path as hoyod. Each POST /change broadcasts one payload
// (hoyod's own vacancy message, with the change's sequence number as its
// position), serialized once and sent to every client, and answers with the
// number in X-Log-Position like hoyod does. Usage: node ws_peer.mjs PORT PAYLOAD
import http from "node:http";
import { WebSocketServer } from "ws";

const port = Number(process.argv[2]);
const template = process.argv[3];
let seq = 0;

const server = http.createServer((req, res) => {
  if (req.method === "POST" && req.url === "/change") {
    seq += 1;
    const payload = Buffer.from(template.replace(/"position":\d+/, `"position":${seq}`));
    for (const client of wss.clients) {
      if (client.readyState === 1) client.send(payload, { binary: false });
    }
    res.writeHead(204, { "X-Log-Position": String(seq) });
    res.end();
    req.resume();
    return;
  }
  res.writeHead(404);
  res.end();
});
const wss = new WebSocketServer({ server, path: "/api/vacancy/live" });
wss.on("connection", (ws) => {
  ws.on("message", () => ws.send(JSON.stringify({ type: "subscribed" })));
});
server.listen(port, "127.0.0.1", () => console.error(`listening ${port}`));
