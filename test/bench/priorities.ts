/**
 * @module Bench: a member's priorities card round trip over HTTP. Each round: the message `prioriteringer` posted to
 * /api/messages (the bot answers the pre-filled form through the Bot Connector stand-in) and the form's Action.Execute
 * save (the saved card is the invoke's answer), in the local meeting's chat, the four local attendees taking turns, so
 * every save is a real ETag write with its command row. p50/p99 of the open, the save and the whole round trip.
 * Alone: `BENCH_QUICK=1 node --import tsx test/bench/priorities.ts`.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { LOCAL_ATTENDEES, LOCAL_CHAT_ID, LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { isoWeekAt } from "../../shared/src/kpi/week.js";
import { nowMs, pct, QUICK, r1, startService, stop } from "./common.js";

const ROUNDS = Number(process.env.BENCH_PRIORITY_ROUNDS ?? (QUICK ? 40 : 200));

export interface PrioritiesBench {
  readonly rounds: number;
  readonly openMs: { readonly p50: number; readonly p99: number };
  readonly saveMs: { readonly p50: number; readonly p99: number };
  readonly roundTripMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

export async function prioritiesBench(): Promise<PrioritiesBench> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-bench-priorities-"));
  const service = await startService({ DATA_DIR: dir });
  try {
    const activity = (user: (typeof LOCAL_ATTENDEES)[number], extra: Record<string, unknown>) => ({
      type: "message",
      id: `local-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: `${service.url}/local/connector/`,
      channelId: "msteams",
      from: { id: `29:${user.userId}`, aadObjectId: user.userId, name: user.name },
      recipient: { id: "28:local-bot", name: "OKR" },
      conversation: { id: LOCAL_CHAT_ID, conversationType: "groupChat", isGroup: true, tenantId: LOCAL_TENANT_ID },
      channelData: { tenant: { id: LOCAL_TENANT_ID }, meeting: { id: LOCAL_MEETING_ID } },
      locale: user.locale,
      ...extra,
    });
    const post = async (body: unknown): Promise<{ ms: number; text: string }> => {
      const t0 = nowMs();
      const res = await fetch(`${service.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const text = await res.text();
      const ms = nowMs() - t0;
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      return { ms, text };
    };
    const versions = new Map<string, number>();
    const round = async (i: number): Promise<{ open: number; save: number }> => {
      const user = LOCAL_ATTENDEES[i % LOCAL_ATTENDEES.length];
      if (!user) throw new Error("no local attendee");
      const open = await post(activity(user, { text: "prioriteringer" }));
      const version = versions.get(user.userId) ?? 0;
      const data = { memberId: user.userId, week: isoWeekAt(Date.now(), "Europe/Oslo"), version, next1_text: `Plan ${i}`, next1_why: "Because", next2_text: "Budget", learned: "Ask early", change: "Delegate" };
      const save = await post(activity(user, { type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "priorities.save", data }, trigger: "manual" } }));
      if (!save.text.includes(`Plan ${i}`)) throw new Error(`the save did not answer the saved card: ${save.text.slice(0, 300)}`);
      versions.set(user.userId, version + 1);
      return { open: open.ms, save: save.ms };
    };
    for (let i = 0; i < 8; i++) await round(i);
    const opens: number[] = [];
    const saves: number[] = [];
    const trips: number[] = [];
    for (let i = 8; i < ROUNDS + 8; i++) {
      const r = await round(i);
      opens.push(r.open);
      saves.push(r.save);
      trips.push(r.open + r.save);
    }
    return {
      rounds: ROUNDS,
      openMs: { p50: r1(pct(opens, 50)), p99: r1(pct(opens, 99)) },
      saveMs: { p50: r1(pct(saves, 50)), p99: r1(pct(saves, 99)) },
      roundTripMs: { p50: r1(pct(trips, 50)), p99: r1(pct(trips, 99)), max: r1(Math.max(...trips)) },
    };
  } finally {
    await stop(service);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await prioritiesBench(), null, 2));
  process.exit(0);
}
