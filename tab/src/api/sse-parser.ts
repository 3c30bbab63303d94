/** @module Incremental Server-Sent Events parser (WHATWG rules): chunks may split anywhere, even inside a line break or a UTF-8 character. */

export interface SseEvent {
  /** The last event id seen so far on this stream (ids persist across events, as in EventSource). */
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

/** Parses decoded text. Feed it chunks in order; it returns the events each chunk completed. */
export class SseParser {
  private buffer = "";
  /** A chunk ended in "\r": if the next one starts with "\n", that "\n" belongs to the same line break. */
  private pendingCr = false;
  private atStart = true;
  private data: string[] = [];
  private eventType = "";
  private lastEventId: string | null = null;
  /** Milliseconds the server asked us to wait before reconnecting (`retry:` field), if any. */
  retryMs: number | null = null;

  push(text: string): SseEvent[] {
    let chunk = text;
    if (this.atStart && chunk.length > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.pendingCr && chunk.startsWith("\n")) chunk = chunk.slice(1);
    this.pendingCr = false;
    this.buffer += chunk;

    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      const event = this.line(this.buffer.slice(start, i));
      if (event) events.push(event);
      if (c === 0x0d) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 0x0a) i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return null; // A comment: keep-alive padding.
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "data":
        this.data.push(value);
        break;
      case "event":
        this.eventType = value;
        break;
      case "id":
        if (!value.includes("\0")) this.lastEventId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break; // Unknown fields are ignored, as the spec says.
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    const data = this.data;
    const event = this.eventType || "message";
    this.data = [];
    this.eventType = "";
    if (data.length === 0) return null;
    return { id: this.lastEventId, event, data: data.join("\n") };
  }
}

/** Parses raw bytes from a response body; a UTF-8 character split across chunks is put back together. */
export class SseByteParser {
  private readonly decoder = new TextDecoder("utf-8");
  private readonly parser = new SseParser();

  push(bytes: Uint8Array): SseEvent[] {
    return this.parser.push(this.decoder.decode(bytes, { stream: true }));
  }

  get retryMs(): number | null {
    return this.parser.retryMs;
  }
}
