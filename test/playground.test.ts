/** @module The bot against the real Microsoft 365 Agents Playground (a Teams-like chat client): "sir" in a channel gets the form, submitting it stores the item and updates the card, and the 1:1 chat then offers that channel. */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardText, startService, type CardJson, type Service } from "./helpers/service.js";

const READY_TIMEOUT_MS = 30_000;
const MESSAGE_TIMEOUT_MS = 10_000;

/** The parts of the playground's configuration the test uses. */
interface PlaygroundConfig {
  readonly tenantId: string;
  readonly bot: { readonly id: string; readonly name: string };
  readonly currentUser: { readonly id: string; readonly name: string; readonly aadObjectId: string };
  readonly personalChat: { readonly id: string };
  readonly teams: ReadonlyArray<{ readonly id: string; readonly channels: ReadonlyArray<{ readonly id: string; readonly name: string }> }>;
}

/** What the playground pushes to its chat client over the conversation WebSocket. */
interface StreamAction {
  readonly action: string;
  readonly actionConversationId: string;
  readonly message?: { readonly messageId: string; readonly from: { readonly id: string }; readonly attachments: ReadonlyArray<{ readonly contentType: string; readonly content: CardJson }> };
}

/**
 * A minimal WebSocket reader (RFC 6455, text frames) on node:http: Node 20 has no WebSocket client, and the
 * test needs only to read what the playground pushes, answering pings and closing cleanly.
 */
class StreamReader {
  private readonly received: StreamAction[] = [];
  private readonly waiters = new Set<() => void>();
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];

  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    // The playground going away ends the stream; waiting readers then time out with what they received.
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      this.closed = true;
    });
  }

  static open(url: string): Promise<StreamReader> {
    return new Promise((resolve, reject) => {
      const req = http.request(url, { headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Key": randomBytes(16).toString("base64"), "Sec-WebSocket-Version": "13" } });
      req.on("upgrade", (_res, socket, head) => {
        const reader = new StreamReader(socket);
        if (head.length > 0) reader.onData(head);
        resolve(reader);
      });
      req.on("response", (res) => reject(new Error(`The playground did not open a WebSocket (HTTP ${res.statusCode ?? "?"}).`)));
      req.on("error", reject);
      req.end();
    });
  }

  /** The first message (received already or later) that matches; fails after `timeoutMs`. */
  async next(match: (a: StreamAction) => boolean, timeoutMs = MESSAGE_TIMEOUT_MS): Promise<StreamAction> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex(match);
      if (index >= 0) return this.received.splice(index, 1)[0] as StreamAction;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching playground message within ${timeoutMs} ms; received: ${this.received.map((a) => a.action).join(", ") || "nothing"}.`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Sends a close frame and waits until the connection is gone. */
  async close(): Promise<void> {
    if (this.closed) return;
    const gone = new Promise<void>((resolve) => this.socket.once("close", () => resolve()));
    // A masked close frame with no payload, then end: the server sees a normal close. A server that does not answer is cut off.
    const cutOff = setTimeout(() => this.socket.destroy(), 2000);
    this.socket.end(Buffer.from([0x88, 0x80, ...randomBytes(4)]));
    await gone;
    clearTimeout(cutOff);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const b0 = this.buffer[0] ?? 0;
      const b1 = this.buffer[1] ?? 0;
      let length = b1 & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const mask = b1 & 0x80 ? 4 : 0;
      if (this.buffer.length < offset + mask + length) return;
      const payload = Buffer.from(this.buffer.subarray(offset + mask, offset + mask + length));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (this.buffer[offset + (i % 4)] ?? 0);
      this.buffer = this.buffer.subarray(offset + mask + length);
      const opcode = b0 & 0x0f;
      if (opcode === 0x9) this.pong(payload);
      if (opcode !== 0x1 && opcode !== 0x0) continue;
      this.fragments.push(payload);
      if (!(b0 & 0x80)) continue;
      const text = Buffer.concat(this.fragments).toString("utf8");
      this.fragments = [];
      this.received.push(JSON.parse(text) as StreamAction);
      for (const wake of [...this.waiters]) wake();
    }
  }

  private pong(payload: Buffer): void {
    const key = randomBytes(4);
    const masked = Buffer.from(payload.map((byte, i) => byte ^ (key[i % 4] ?? 0)));
    this.socket.write(Buffer.concat([Buffer.from([0x8a, 0x80 | payload.length]), key, masked]));
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let service: Service;
let playground: ChildProcess | undefined;
let workDir: string;
let base: string;
let stream: StreamReader | undefined;
let config: PlaygroundConfig;

beforeAll(async () => {
  service = await startService();
  // Its own empty folder: the playground reads an optional config file from its working directory.
  workDir = mkdtempSync(path.join(os.tmpdir(), "okr-playground-"));
  const cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
  const args = [cli, "start", "--disable-telemetry", "-p", String(await freePort()), "-c", "msteams", "-e", `${service.url}/api/messages`];
  const child = spawn(process.execPath, args, { cwd: workDir, env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none" }, stdio: ["ignore", "pipe", "pipe"] });
  playground = child;
  // It may fall back to another port if ours was taken meanwhile: take the port from its own "Listening on" line.
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`The playground did not start within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The playground exited (${code ?? "signal"}) before it listened:\n${output}`));
    });
  });
  base = `http://127.0.0.1:${port}`;
  config = ((await (await fetch(`${base}/_internal/v1/config`)).json()) as { config: PlaygroundConfig }).config;
  stream = await StreamReader.open(`${base}/_ws_conversation/v1/conversations/stream`);
});

afterAll(async () => {
  await stream?.close();
  const child = playground;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await exited;
  }
  await service?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const post = async <T>(p: string, body: unknown): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${base}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
};

/** A message from the playground's user; in a channel Teams delivers it to the bot only when the bot is @mentioned. */
function message(text: string, mention: boolean): Record<string, unknown> {
  const at = `<at>${config.bot.name}</at>`;
  return mention
    ? { from: { id: config.currentUser.id }, text: `${at} ${text}`, textFormat: "plain", mentions: [{ mentioned: { id: config.bot.id }, text: at }] }
    : { from: { id: config.currentUser.id }, text, textFormat: "plain" };
}

const fromBot = (a: StreamAction) => a.message?.from.id === config.bot.id;
const firstCard = (a: StreamAction): CardJson => {
  const card = a.message?.attachments[0]?.content;
  if (!card) throw new Error(`The playground message has no card: ${JSON.stringify(a)}`);
  return card;
};

describe("in the Microsoft 365 Agents Playground", () => {
  it("'sir' in a channel gets the form; submitting it stores the item, answers with the author's card and updates the message for everyone", async () => {
    const reader = stream;
    if (!reader) throw new Error("No playground stream.");
    const channel = config.teams[0]?.channels[0]?.id ?? "";
    const sent = await post<{ messageId: string; postConversationId: string }>(`/_conversation/v1/conversations/${encodeURIComponent(channel)}/messages`, message("sir", true));
    expect(sent.status).toBe(200);

    const formMessage = await reader.next((a) => a.action === "createMessage" && fromBot(a) && a.actionConversationId === sent.body.postConversationId);
    const form = firstCard(formMessage);
    expect(cardText(form)).toMatch(/Prepare a SIR item/);
    const inputs = form.body.filter((b) => String(b.type).startsWith("Input.")).map((b) => b.id);
    expect(inputs).toEqual(expect.arrayContaining(["kind", "title", "problem", "proposal1", "proposal2", "recommendation"]));
    const save = form.actions?.[0];
    expect(save).toMatchObject({ type: "Action.Execute", verb: "sir.submit" });

    // What the playground's client sends when the user fills the form in and presses Save: the inputs merged into the action's data.
    const typed = { kind: "risk", title: "Pipeline thin for Q3", problem: "Only 40 % of the Q3 target is in the funnel.", proposal1: "Partner webinar", proposal2: "Reactivate lost deals", proposal3: "", recommendation: "Reactivate lost deals", concerns: "KR 1.2" };
    const invoked = await post<{ type: string; value: CardJson }>("/_conversation/v1/invoke", {
      name: "adaptiveCard/action",
      from: { id: config.currentUser.id },
      conversation: { id: sent.body.postConversationId },
      replyToId: formMessage.message?.messageId,
      value: { action: { type: "Action.Execute", id: save?.id, verb: save?.verb, data: { ...save?.data, ...typed } }, trigger: "manual" },
    });
    expect(invoked.status).toBe(200);
    expect(invoked.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(invoked.body.value)).toMatch(/Risk: Pipeline thin for Q3/);
    expect(cardText(invoked.body.value)).toMatch(/Ready/);
    expect((invoked.body.value.actions ?? []).map((a) => a.verb)).toEqual(["sir.edit", "sir.withdraw"]);

    // Everyone else's copy of the form message becomes the read view.
    const updated = await reader.next((a) => a.action === "updateMessage" && a.message?.messageId === formMessage.message?.messageId);
    expect(cardText(firstCard(updated))).toMatch(/Pipeline thin for Q3/);
    expect(firstCard(updated).actions ?? []).toEqual([]);

    const items = await service.app.sir.list(config.tenantId, channel);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: "Pipeline thin for Q3", kind: "risk", author: { userId: config.currentUser.aadObjectId, name: config.currentUser.name } });
  });

  it("the 1:1 chat then offers the channel the user was seen in", async () => {
    const reader = stream;
    if (!reader) throw new Error("No playground stream.");
    const channel = config.teams[0]?.channels[0]?.id ?? "";
    const sent = await post(`/_conversation/v1/conversations/${encodeURIComponent(config.personalChat.id)}/messages`, message("ny sak", false));
    expect(sent.status).toBe(200);
    const reply = await reader.next((a) => a.action === "createMessage" && fromBot(a) && a.actionConversationId === config.personalChat.id);
    const picker = firstCard(reply).body.find((b) => b.id === "seriesId") as { choices?: Array<{ value: string }> } | undefined;
    expect(picker?.choices?.map((c) => c.value)).toContain(channel);
  });
});
