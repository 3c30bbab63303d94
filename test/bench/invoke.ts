/**
 * @module Bench item 6: a SIR card's `sir.submit` (an `adaptiveCard/action` invoke, shaped as the local chat pane sends
 * it, bot/src/local/chat.ts) posted to the service's /api/messages over HTTP, one at a time; p50/p99 of the answer.
 * Each invoke is in a chat of its own, so the per-series caps on SIR items never refuse one.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOCAL_ATTENDEES, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { nowMs, pct, QUICK, r1, startService, stop } from "./common.js";

const INVOKES = Number(process.env.BENCH_INVOKES ?? (QUICK ? 20 : 200));

const answers = { kind: "issue", title: "Lead times slip in week 12", problem: "Suppliers deliver late, so the KR on delivery precision is red.", proposal1: "Second supplier", proposal2: "Safety stock", proposal3: "", recommendation: "Safety stock for the top 20 parts", concerns: "KR 2.1 delivery precision" };

export async function invokeBench(): Promise<{ invokes: number; p50Ms: number; p99Ms: number; maxMs: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-bench-invoke-"));
  const service = await startService({ DATA_DIR: dir });
  const user = LOCAL_ATTENDEES[0];
  if (!user) throw new Error("no local attendee");
  try {
    const invoke = async (): Promise<number> => {
      const activity = {
        type: "invoke",
        name: "adaptiveCard/action",
        id: `local-${randomUUID()}`,
        timestamp: new Date().toISOString(),
        serviceUrl: `${service.url}/local/connector/`,
        channelId: "msteams",
        from: { id: `29:${user.userId}`, aadObjectId: user.userId, name: user.name },
        recipient: { id: "28:local-bot", name: "OKR" },
        conversation: { id: `19:bench-${randomUUID()}@thread.v2`, conversationType: "groupChat", isGroup: true, tenantId: LOCAL_TENANT_ID },
        channelData: { tenant: { id: LOCAL_TENANT_ID } },
        locale: user.locale,
        value: { action: { type: "Action.Execute", verb: "sir.submit", data: answers }, trigger: "manual" },
      };
      const t0 = nowMs();
      const res = await fetch(`${service.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
      const body = (await res.json()) as { statusCode?: number };
      const ms = nowMs() - t0;
      if (res.status !== 200 || body.statusCode !== 200) throw new Error(`invoke: HTTP ${res.status}, ${JSON.stringify(body).slice(0, 200)}`);
      return ms;
    };
    for (let i = 0; i < 5; i++) await invoke();
    const ms: number[] = [];
    for (let i = 0; i < INVOKES; i++) ms.push(await invoke());
    return { invokes: INVOKES, p50Ms: r1(pct(ms, 50)), p99Ms: r1(pct(ms, 99)), maxMs: r1(Math.max(...ms)) };
  } finally {
    await stop(service);
    rmSync(dir, { recursive: true, force: true });
  }
}
