/** @module The summary section's client: the preview and the downloads ask this meeting's paths with the panel's token, name the file as the service did, and turn refusals into ApiErrors. */
import { describe, expect, it } from "vitest";
import { createApiClient, type FetchLike } from "./api-client.js";
import { ApiError } from "./api-error.js";
import { filenameOf, summaryClient } from "./summary-client.js";

function client(replies: Response[]) {
  const calls: { url: string; auth: string | null }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, auth: new Headers(init?.headers).get("authorization") });
    const reply = replies.shift();
    if (!reply) throw new Error("no more replies");
    return reply;
  };
  const api = createApiClient({ getToken: async () => "token-1", fetch });
  return { calls, summary: summaryClient((rest, init) => api.authorizedFetch(`/api/meetings/${encodeURIComponent("m 1")}${rest}`, init)) };
}

describe("the summary client", () => {
  it("asks for the preview in the viewer's language with the token", async () => {
    const { calls, summary } = client([new Response(JSON.stringify({ locale: "sv", cardBytes: 10 }), { status: 200, headers: { "content-type": "application/json" } })]);
    expect(await summary.preview("sv")).toMatchObject({ locale: "sv", cardBytes: 10 });
    expect(calls).toEqual([{ url: "/api/meetings/m%201/summary?lang=sv", auth: "Bearer token-1" }]);
  });

  it("downloads the record with the service's file name", async () => {
    const file = new Response("# Referat", { status: 200, headers: { "content-disposition": 'attachment; filename="okr-meeting-2026-12-07.md"' } });
    const { calls, summary } = client([file]);
    const got = await summary.download("md", "nb");
    expect(got.filename).toBe("okr-meeting-2026-12-07.md");
    expect(await got.blob.text()).toBe("# Referat");
    expect(calls[0]?.url).toBe("/api/meetings/m%201/record?format=md&lang=nb");
  });

  it("a refusal is an ApiError with the service's code", async () => {
    const { summary } = client([new Response(JSON.stringify({ error: { code: "notParticipant", message: "No." } }), { status: 403, headers: { "content-type": "application/json" } })]);
    const error = await summary.preview("en").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: "notParticipant" });
  });

  it.each([
    [null, "okr-meeting.json"],
    ['attachment; filename="okr-meeting-2026-12-07.json"', "okr-meeting-2026-12-07.json"],
    ['attachment; filename="../../etc/passwd"', "okr-meeting.json"],
    ['attachment; filename="<script>.json"', "okr-meeting.json"],
  ])("file name from %s: %s", (header, name) => {
    expect(filenameOf(header, "json")).toBe(name);
  });
});
