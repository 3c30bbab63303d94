/** @module The stream parser gives the same events however the network splits the bytes. */
import { describe, expect, it } from "vitest";
import { SseByteParser, SseParser, type SseEvent } from "./sse-parser.js";

const STREAM =
  ": connected\n\n" +
  'id: 7\ndata: {"type":"hello","version":7}\n\n' +
  "id: 8\r\ndata: {\"type\":\"commit\",\"title\":\"Gode nyheter – Övertid 🎉\"}\r\n\r\n" +
  ":heartbeat padding\r" +
  "\r" +
  "data: line one\rdata: line two\r\r" +
  "event: custom\ndata:no-space\n\n" +
  "id: 9\ndata\n\n" +
  "data: incomplete at the end";

const EXPECTED: SseEvent[] = [
  { id: "7", event: "message", data: '{"type":"hello","version":7}' },
  { id: "8", event: "message", data: '{"type":"commit","title":"Gode nyheter – Övertid 🎉"}' },
  { id: "8", event: "message", data: "line one\nline two" },
  { id: "8", event: "custom", data: "no-space" },
  { id: "9", event: "message", data: "" },
];

function parseInPieces(pieces: string[]): SseEvent[] {
  const parser = new SseParser();
  return pieces.flatMap((p) => parser.push(p));
}

describe("SseParser", () => {
  it("parses a whole stream in one chunk", () => {
    expect(parseInPieces([STREAM])).toEqual(EXPECTED);
  });

  it("gives the same events when the text is split at any single position", () => {
    for (let i = 0; i <= STREAM.length; i++) {
      expect(parseInPieces([STREAM.slice(0, i), STREAM.slice(i)]), `split at ${i}`).toEqual(EXPECTED);
    }
  });

  it("gives the same events when every character arrives on its own", () => {
    expect(parseInPieces([...STREAM])).toEqual(EXPECTED);
  });

  it("treats a CR at the end of a chunk and an LF at the start of the next as one line break", () => {
    expect(parseInPieces(["data: a\r", "\n\r", "\n"])).toEqual([{ id: null, event: "message", data: "a" }]);
  });

  it("ignores comments, a leading byte-order mark and unknown fields, and reads retry", () => {
    const parser = new SseParser();
    expect(parser.push("\uFEFF: hi\nfoo: bar\nretry: 2500\ndata: x\n\n")).toEqual([{ id: null, event: "message", data: "x" }]);
    expect(parser.retryMs).toBe(2500);
  });
});

describe("SseByteParser", () => {
  it("reassembles UTF-8 characters split across chunks at every byte position", () => {
    const bytes = new TextEncoder().encode(STREAM);
    for (let i = 0; i <= bytes.length; i++) {
      const parser = new SseByteParser();
      const events = [...parser.push(bytes.slice(0, i)), ...parser.push(bytes.slice(i))];
      expect(events, `split at byte ${i}`).toEqual(EXPECTED);
    }
  });

  it("handles three-way splits inside a four-byte character", () => {
    const bytes = new TextEncoder().encode('data: "🎉"\n\n');
    const at = bytes.indexOf(0xf0);
    const parser = new SseByteParser();
    const events = [bytes.slice(0, at + 1), bytes.slice(at + 1, at + 3), bytes.slice(at + 3)].flatMap((b) => parser.push(b));
    expect(events).toEqual([{ id: null, event: "message", data: '"🎉"' }]);
  });
});
