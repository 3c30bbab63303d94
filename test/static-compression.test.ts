/**
 * @module The built panel is sent compressed, as the browser accepts it (Brotli, else gzip), over real HTTP from the
 * real service: the bytes decompress to the file exactly, caches are told the answer varies by encoding, small or
 * already-compressed files go as they are, and a file rebuilt while the service runs is never sent stale.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preferredEncoding } from "../bot/src/http/static.js";
import { startService, type Service } from "./helpers/service.js";

const tabDir = mkdtempSync(path.join(os.tmpdir(), "okr-tab-compress-"));
// About 60 KB of script, shaped like a bundle (repetitive, as minified code is).
const script = Array.from({ length: 1500 }, (_x, i) => `export function f${i}(a){return a.map((x)=>x*${i}).filter(Boolean)}`).join("\n");
const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

let service: Service;
beforeAll(async () => {
  mkdirSync(path.join(tabDir, "assets"));
  writeFileSync(path.join(tabDir, "assets", "panel-abc123.js"), script);
  writeFileSync(path.join(tabDir, "assets", "tiny-abc123.js"), "export const x = 1;\n");
  writeFileSync(path.join(tabDir, "assets", "logo-abc123.png"), png);
  writeFileSync(path.join(tabDir, "index.html"), `<!doctype html><html><head><title>OKR</title></head><body>${"<div></div>".repeat(200)}</body></html>`);
  service = await startService({ TAB_DIR: tabDir });
});
afterAll(async () => {
  await service?.close();
  rmSync(tabDir, { recursive: true, force: true });
});

/** A GET with the raw bytes as they came (fetch would decompress them and hide what was sent). */
function get(p: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${service.url}${p}`, { headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

describe("the panel's files are sent compressed", () => {
  it("Brotli when the browser accepts it: smaller, exact once decompressed, and marked as varying by encoding", async () => {
    const res = await get("/tab/assets/panel-abc123.js", "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers.vary).toBe("accept-encoding");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script);
    expect(res.headers["cache-control"]).toContain("immutable");
  });

  it("gzip when Brotli is not accepted (or refused with q=0); the HTML page too", async () => {
    for (const accept of ["gzip, deflate", "br;q=0, gzip;q=0.8"]) {
      const res = await get("/tab/assets/panel-abc123.js", accept);
      expect(res.headers["content-encoding"]).toBe("gzip");
      expect(zlib.gunzipSync(res.body).toString()).toBe(script);
    }
    const page = await get("/tab/index.html", "gzip");
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(page.body).toString()).toContain("<title>OKR</title>");
    expect(page.headers["cache-control"]).toBe("no-cache");
  });

  it("as it is to a client that accepts no compression, and small or already compressed files always as they are", async () => {
    for (const accept of [undefined, "identity", "br;q=0, gzip;q=0"]) {
      const res = await get("/tab/assets/panel-abc123.js", accept);
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect(res.headers.vary).toBe("accept-encoding");
      expect(res.body.toString()).toBe(script);
    }
    const tiny = await get("/tab/assets/tiny-abc123.js", "br, gzip");
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.body.toString()).toBe("export const x = 1;\n");
    const image = await get("/tab/assets/logo-abc123.png", "br, gzip");
    expect(image.headers["content-encoding"]).toBeUndefined();
    expect(image.body.equals(png)).toBe(true);
  });

  it("a file rebuilt while the service runs is sent as it is now, never an earlier compressed copy", async () => {
    const file = path.join(tabDir, "index.html");
    expect(zlib.brotliDecompressSync((await get("/tab/index.html", "br")).body).toString()).toContain("<title>OKR</title>");
    writeFileSync(file, `<!doctype html><html><head><title>OKR rebuilt</title></head><body>${"<p></p>".repeat(300)}</body></html>`);
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(zlib.brotliDecompressSync((await get("/tab/index.html", "br")).body).toString()).toContain("<title>OKR rebuilt</title>");
  });

  it("reads Accept-Encoding as its grammar says: weights, the * wildcard, and case", () => {
    expect(preferredEncoding("BR")).toBe("br");
    expect(preferredEncoding("*")).toBe("br");
    expect(preferredEncoding("*;q=0, gzip")).toBe("gzip");
    expect(preferredEncoding("gzip;q=0, *;q=0.5")).toBe("br");
    expect(preferredEncoding("deflate")).toBeNull();
    expect(preferredEncoding(undefined)).toBeNull();
    expect(preferredEncoding("br;q=abc, gzip")).toBe("gzip");
  });
});
