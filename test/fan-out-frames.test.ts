/** A change is serialised once per broadcast, not once per open stream: every panel gets the same bytes. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generatedAttendees, LOCAL_MEETING_ID } from "../bot/src/local/roster.js";
import type { SnapshotResponse } from "../shared/src/wire/protocol.js";
import { command, ORGANIZER, startService, meetingPath, type EventStream, type Service } from "./helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService({ LOCAL_ATTENDEES: "40" });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await service.close();
});

describe("fan-out of a commit to many panels", () => {
  it("serialises the commit once for 30 panels of 30 attendees, and each panel gets it", async () => {
    const lead = await service.tokenFor(ORGANIZER);
    const streams: EventStream[] = [];
    for (const a of generatedAttendees(40).slice(10)) streams.push(await service.openStream(LOCAL_MEETING_ID, await service.tokenFor(a.userId)));
    for (const s of streams) {
      expect((await s.nextMessage()).type).toBe("hello");
      expect((await s.nextMessage()).type).toBe("snapshot");
    }
    const sectionId = (await service.api<SnapshotResponse>(meetingPath(LOCAL_MEETING_ID), { token: lead })).body.meeting.sections[0]?.id;
    const stringify = vi.spyOn(JSON, "stringify");
    const res = await service.send(LOCAL_MEETING_ID, lead, command("renameSection", { sectionId, title: "once" }));
    expect(res.status).toBe(200);
    for (const s of streams) expect(await s.nextMessage()).toMatchObject({ type: "commit", commit: { events: [{ type: "sectionRenamed", title: "once" }] } });
    const commitFrames = stringify.mock.calls.filter(([value]) => typeof value === "object" && value !== null && "type" in value && value.type === "commit");
    stringify.mockRestore();
    expect(commitFrames).toHaveLength(1);
    for (const s of streams) s.close();
  });
});
