/**
 * @module The bare baseline of `npm run bench`: the least an SSE broadcast can do on this machine. Plain node:http,
 * no auth, no storage, no domain: `GET /stream` holds a connection (a `snapshot` frame first, like the service's),
 * `POST /publish?id=N` writes the posted bytes as one frame with id N to every open stream, serialised once, then
 * answers 204. Run as its own process, on a free port; prints `{"port":N}` when listening.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

const streams = new Set<http.ServerResponse>();

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (req.method === "GET" && url.pathname === "/stream") {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    res.write('data: {"type":"snapshot"}\n\n');
    streams.add(res);
    req.on("close", () => streams.delete(res));
    return;
  }
  if (req.method === "POST" && url.pathname === "/publish") {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = `id: ${url.searchParams.get("id") ?? "0"}\ndata: ${Buffer.concat(chunks).toString("utf8")}\n\n`;
      for (const s of streams) s.write(text);
      res.writeHead(204).end();
    });
    return;
  }
  if (url.pathname === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ streams: streams.size }));
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
process.on("SIGTERM", () => process.exit(0));
