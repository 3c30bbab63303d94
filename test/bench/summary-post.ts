/**
 * @module "Summary card built and posted" end to end: POST /api/meetings/:id/summary/post over real HTTP, the record
 * loaded from Table Storage (in-memory Azurite) for a meeting with 50 actions, 30 KPIs (10 off track) and 20 SIR items
 * with decisions, the card built and sent to the Bot Connector stand-in (the first post creates the channel message,
 * every later one updates it). p50/p99 over POSTS posts, and the card's bytes as posted. Target: p99 ≤ 500 ms.
 * Part of `npm run bench`; also runs alone: `npx tsx test/bench/summary-post.ts`.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { LOCAL_TEAM } from "../../bot/src/local/connector-stub.js";
import { LOCAL_ATTENDEES, LOCAL_CHAT_ID } from "../../bot/src/local/roster.js";
import { addDays, dayIn } from "../../shared/src/actions/dates.js";
import { sirFields } from "../../shared/src/sir/test-builders.js";
import type { PostSummaryResponse } from "../../shared/src/summary/post-protocol.js";
import { command, meetingPath, startService } from "../helpers/service.js";

const POSTS = Number(process.env.BENCH_SUMMARY_POSTS ?? (process.env.BENCH_QUICK ? 20 : 100));
const RESULTS = "19:local-okr-results@thread.tacv2";

const pct = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

export async function summaryPostBench() {
  const service = await startService({ COMMAND_RATE: "100000", COMMAND_BURST: "100000", MEETING_COMMAND_RATE: "100000", MEETING_COMMAND_BURST: "100000" });
  try {
    const [lead, ...others] = LOCAL_ATTENDEES;
    if (!lead) throw new Error("no local organizer");
    const leadToken = await service.tokenFor(lead.userId);
    const meetingId = service.meeting();
    service.connector.setChat(meetingId, LOCAL_CHAT_ID);
    const ok = async (path: string, body: unknown, token = leadToken, method = "POST") => {
      const res = await service.api(meetingPath(meetingId, path), { token, body, method });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, unknown>;
    };
    await ok("/setup", { id: `save-${randomUUID()}`, templateId: "teamWeekly60", teamId: LOCAL_TEAM.id, channelId: RESULTS }, leadToken, "PUT");
    await ok("/commands", { command: command("startMeeting") });
    const board = (await service.api<{ currentWeek: string }>(meetingPath(meetingId, "/kpi"), { token: leadToken })).body;
    for (let i = 0; i < 30; i++) {
      const fields = { kind: "kpi", objectiveId: null, name: `KPI ${i + 1}`, unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner: null };
      const made = (await ok("/kpi/commands", { command: { id: `cmd-${randomUUID()}`, type: "createMetric", fields } })) as { change: { metric: { id: string } } };
      await ok("/kpi/commands", { command: { id: `cmd-${randomUUID()}`, type: "recordValue", metricId: made.change.metric.id, week: board.currentWeek, value: i < 10 ? 50 : 96 } });
    }
    // 20 SIR items from the four attendees (each within the per-author quota), each decided in the meeting.
    const people = [lead, ...others];
    for (let i = 0; i < 20; i++) {
      const author = people[i % people.length] ?? lead;
      const item = (await ok("/sir/commands", { command: { id: randomUUID(), type: "createSir", fields: sirFields({ title: `Sak ${i + 1}`, meetingId: null }) } }, await service.tokenFor(author.userId))) as { item: { id: string } };
      await ok("/sir/commands", { command: { id: randomUUID(), type: "recordDecision", itemId: item.item.id, meetingId, text: `Beslutning ${i + 1}`, actions: [] } });
    }
    const due = addDays(dayIn(Date.now(), "Europe/Oslo"), 7);
    for (let i = 0; i < 50; i++) {
      const owner = people[i % people.length] ?? lead;
      await ok("/actions/commands", { command: { id: `cmd-${randomUUID()}`, type: "createAction", fields: { title: `Action ${i + 1}`, owners: [owner.userId], due, subtasks: [], source: null } } });
    }
    await ok("/commands", { command: command("endMeeting") });

    const ms: number[] = [];
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < POSTS + 3; i++) {
      const t0 = performance.now();
      const answer = (await ok("/summary/post", { id: `post-${randomUUID()}`, locale: "nb" })) as unknown as PostSummaryResponse;
      const took = performance.now() - t0;
      if (i >= 3) ms.push(took); // the first three warm the JIT and the caches; the first of them is the create
      outcomes[answer.outcome] = (outcomes[answer.outcome] ?? 0) + 1;
    }
    const posted = service.connector.activities.filter((a) => a.conversationId.startsWith(`${RESULTS};messageid=`));
    const card = (posted.at(-1)?.activity.attachments as Array<{ content: unknown }> | undefined)?.[0]?.content;
    const preview = (await service.api<{ record: { actions?: unknown[]; kpis: { items: unknown[] }; sir: { decisions: unknown[] } }; cardBytes: number }>(`${meetingPath(meetingId, "/summary")}?lang=nb`, { token: leadToken })).body;
    return {
      posts: POSTS,
      actions: preview.record.actions?.length ?? 0,
      kpis: preview.record.kpis.items.length,
      sirDecisions: preview.record.sir.decisions.length,
      channelMessages: posted.length,
      outcomes,
      p50Ms: r1(pct(ms, 50)),
      p99Ms: r1(pct(ms, 99)),
      maxMs: r1(Math.max(...ms)),
      cardBytes: Buffer.byteLength(JSON.stringify(card ?? null)),
    };
  } finally {
    await service.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log("summary post:", JSON.stringify(await summaryPostBench(), null, 2));
  process.exit(0);
}
