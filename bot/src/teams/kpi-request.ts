/**
 * @module The lead's "ask for this week's numbers": `POST /api/meetings/:meetingId/kpi/request` posts the KPI
 * request card into the series' chat (the meeting chat or channel) through the Bot Connector, with the conversation
 * reference the bot stored when it last saw that chat. Everyone sees who has not updated yet; each owner's client
 * refreshes the card into their own "Update my KPIs" form (kpi-handler.ts answers that refresh).
 */
import { CardFactory, type CloudAdapter, type ConversationReference } from "botbuilder";
import { can } from "../../../shared/src/auth/capabilities.js";
import type { AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import { kpiRequestCard } from "../../../shared/src/cards/kpi-card.js";
import { cardLocale, type CardLocale } from "../../../shared/src/cards/locale.js";
import type { Person } from "../../../shared/src/kpi/model.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { admit, authenticate, type ApiDeps } from "../http/api.js";
import { HttpError, sendJson, type Router } from "../http/http.js";
import { limitsOf } from "../http/limits.js";
import type { KpiStore } from "../storage/kpi-store.js";
import type { CardViewers } from "./card-viewers.js";
import type { MeetingSeriesSource } from "./meeting-series.js";
import { TeamsUnavailableError } from "./roles.js";

/** Teams refreshes a card for at most 60 users. */
const OWNERS_MAX = 60;

export type StoredReference = Partial<ConversationReference>;

/** Posts a card into a conversation; "gone" when Teams says the bot is no longer there (403/404). */
export type PostCard = (reference: StoredReference, card: AdaptiveCard) => Promise<"posted" | "gone">;

export interface KpiRequestDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences"> {
  readonly kpi: KpiStore;
  readonly series: MeetingSeriesSource;
  /** The stored reference of the meeting's chat (the series' conversation), null if the bot never saw it. */
  readonly referenceOf: (ref: MeetingRef, seriesId: string) => Promise<StoredReference | null>;
  readonly post: PostCard;
  /** Who else the card is refreshed for after the owners (the chat's members, leads first), each in their language; absent = owners only. */
  readonly viewers?: CardViewers;
}

export interface KpiRequestResponse {
  readonly posted: true;
  /** Owners without a value this week for at least one of their active KPIs or key results. */
  readonly missing: number;
}

const statusOfError = (err: unknown): unknown => (typeof err === "object" && err !== null && "statusCode" in err ? (err as { statusCode: unknown }).statusCode : undefined);

/** Posts proactively through the adapter, as sir-card-sync.ts updates cards. */
export function kpiRequestPoster(adapter: CloudAdapter, appId: string): PostCard {
  return async (reference, card) => {
    let failure: unknown = null;
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      // Caught inside the turn: an escaping error would make the adapter post an apology into the chat.
      try {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      } catch (err) {
        failure = err;
      }
    });
    if (failure === null) return "posted";
    const status = statusOfError(failure);
    if (status === 403 || status === 404) return "gone";
    throw failure;
  };
}

/** The request card for a board as it is now: who has not reported this week, and refresh for every owner. */
export async function requestCardFor(
  kpi: KpiStore,
  tenantId: string,
  seriesId: string,
  locale: CardLocale,
  /** Adds the others the card is refreshed for, after the owners (see card-viewers.ts). */
  viewers?: (ownerIds: readonly string[]) => Promise<readonly string[]>,
): Promise<{ card: AdaptiveCard; missing: number }> {
  const { board } = await kpi.loadBoard(tenantId, seriesId);
  const week = kpi.currentWeek(board);
  const values = await kpi.values(tenantId, seriesId, week, week);
  const { all, missing } = owners(board.metrics, new Set(values.map((v) => v.metricId)));
  const ownerIds = all.map((p) => p.userId);
  const refreshIds = viewers ? await viewers(ownerIds) : ownerIds;
  const card = kpiRequestCard({ locale, seriesId, week, missing, ownerIds: refreshIds.slice(0, OWNERS_MAX) });
  return { card, missing: missing.length };
}

/** The owners of the active KPIs and key results, in board order, and those of them with a value missing this week. */
export function owners(metrics: readonly { readonly id: string; readonly archived: boolean; readonly owner: Person | null }[], entered: ReadonlySet<string>): { all: Person[]; missing: Person[] } {
  const all = new Map<string, Person>();
  const missing = new Map<string, Person>();
  for (const m of metrics) {
    if (m.archived || !m.owner) continue;
    if (!all.has(m.owner.userId)) all.set(m.owner.userId, m.owner);
    if (!entered.has(m.id) && !missing.has(m.owner.userId)) missing.set(m.owner.userId, m.owner);
  }
  return { all: [...all.values()], missing: [...missing.values()] };
}

/** The card's language: `?locale=` (the panel's Teams locale), else the caller's Accept-Language, else the chat's last locale. */
function localeOf(url: URL, acceptLanguage: string | undefined, reference: StoredReference): CardLocale {
  const given = url.searchParams.get("locale") ?? acceptLanguage ?? reference.locale;
  return cardLocale(given);
}

export function registerKpiRequest(router: Router, deps: KpiRequestDeps): void {
  const limits = limitsOf(router);
  router.on("POST", "/api/meetings/:meetingId/kpi/request", async (req, res, params, url) => {
    const identity = await authenticate(deps, req);
    // Each request posts a card in the meeting's chat: it draws on the same budgets as a change.
    limits.command(identity);
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "meeting:read");
    if (!can(viewer.role, "kpi:manage")) throw new HttpError(403, "forbidden", "Only the organizer or a presenter can ask the team for this week's KPI values.");
    limits.meeting(ref);
    let seriesId: string;
    try {
      seriesId = await deps.series.seriesOf(ref);
    } catch (err) {
      if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
      throw err;
    }
    const reference = await deps.referenceOf(ref, seriesId);
    const notInChat = () => new HttpError(409, "noConversation", "The bot has not been added to this meeting's chat yet, so it cannot post there. Add the app to the chat (or write to it there once) and try again.");
    if (!reference?.conversation?.id || !reference.serviceUrl) throw notInChat();

    const viewers = deps.viewers;
    const { card, missing } = await requestCardFor(deps.kpi, ref.tenantId, seriesId, localeOf(url, req.headers["accept-language"], reference), viewers && ((ownerIds) => viewers({ tenantId: ref.tenantId, seriesId, meetingId: ref.meetingId }, ownerIds)));

    let outcome: "posted" | "gone";
    try {
      outcome = await deps.post(reference, card);
    } catch (err) {
      console.warn("Could not post the KPI request card", err instanceof Error ? err.message : err);
      throw new HttpError(502, "teamsUnavailable", "Teams did not accept the message. Try again in a moment.");
    }
    if (outcome === "gone") throw notInChat();
    const body: KpiRequestResponse = { posted: true, missing };
    sendJson(res, 200, body);
  });
}
