/**
 * @module The local meeting page's "Bot chat (1:1)" pane: the selected attendee's 1:1 chat with the bot as Teams shows
 * it — the reminder cards, drawn by the real Adaptive Cards renderer in the page's theme, whose Mark done / Snooze send
 * the real `adaptiveCard/action` invokes from that user's personal conversation; the answer replaces the card, as in
 * Teams. Fed by polling `/local/personal/messages?userId=` once a second (what the Bot Connector stand-in recorded; no held-open stream, see the route). "Send due reminders now"
 * runs the scheduler once with the clock at the next planned reminder (`/local/reminders/send-due`).
 */
import { AdaptiveCard, ExecuteAction, OpenUrlAction, SubmitAction, type Action } from "adaptivecards";
import { cardHostConfig } from "./card-host-config.js";
import { processCardMarkdown } from "./card-markdown.js";
import type { ChatAttendee } from "./chat.js";

interface Entry {
  readonly id: string;
  activity: { text?: string; attachments?: Array<{ contentType?: string; content?: unknown }> };
}

interface SendDueReport {
  readonly at: number | null;
  readonly sent: number;
  readonly unreachable: number;
}

const CARD = "application/vnd.microsoft.card.adaptive";
/** The pane keeps the latest messages only (the stand-in keeps 500 activities). */
const MAX_MESSAGES = 50;

export function mountPersonalChat(root: HTMLElement, attendees: readonly ChatAttendee[], onOpenUrl?: (userId: string, url: string) => void): void {
  root.hidden = false;
  root.innerHTML = "";
  AdaptiveCard.onProcessMarkdown = processCardMarkdown;
  root.setAttribute("data-testid", "personal-pane");
  const heading = el("h2", "chat-title", "Bot chat (1:1)");
  const userLabel = el("label", "", "Chat of");
  const userSelect = document.createElement("select");
  userSelect.id = "personal-user-select";
  userSelect.dataset.testid = "personal-user-select";
  userLabel.htmlFor = userSelect.id;
  for (const a of attendees) userSelect.append(new Option(a.name, a.userId));
  const sendDue = el("button", "", "Send due reminders now");
  sendDue.setAttribute("type", "button");
  sendDue.dataset.testid = "send-due-reminders";
  const status = el("p", "chat-author");
  status.setAttribute("role", "status");
  status.dataset.testid = "send-due-status";
  const transcript = el("ol", "chat-transcript");
  transcript.setAttribute("aria-live", "polite");
  transcript.setAttribute("aria-label", "1:1 messages");
  const empty = el("p", "chat-author", "No messages from the bot yet.");
  empty.dataset.testid = "personal-empty";
  root.append(heading, el("div", "chat-user", "", [userLabel, userSelect]), el("div", "chat-user", "", [sendDue, status]), empty, transcript);

  const entries = new Map<string, Entry>();
  /** The card each message shows after a button was pressed on it (the invoke's answer replaces it). */
  const views = new Map<string, unknown>();

  const render = (entry: Entry): void => {
    let li = transcript.querySelector<HTMLLIElement>(`li[data-activity-id="${CSS.escape(entry.id)}"]`);
    if (!li) {
      li = document.createElement("li");
      li.dataset.activityId = entry.id;
      li.dataset.testid = "personal-message";
      li.className = "chat-message chat-from-bot";
      transcript.append(li);
      while (transcript.children.length > MAX_MESSAGES) transcript.firstElementChild?.remove();
    }
    li.replaceChildren(el("span", "chat-author", "OKR bot"));
    if (entry.activity.text) li.append(el("p", "chat-text", entry.activity.text));
    const content = views.get(entry.id) ?? entry.activity.attachments?.find((a) => a.contentType === CARD)?.content;
    if (content) li.append(renderCard(entry.id, content));
    empty.hidden = entries.size > 0;
    transcript.scrollTop = transcript.scrollHeight;
  };

  const renderCard = (activityId: string, json: unknown): HTMLElement => {
    const holder = el("div", "chat-card");
    holder.dataset.testid = "personal-card";
    const card = new AdaptiveCard();
    card.hostConfig = cardHostConfig();
    card.onExecuteAction = (action: Action) => {
      if (action instanceof OpenUrlAction) {
        if (action.url) onOpenUrl?.(userSelect.value, action.url);
        return;
      }
      if (action instanceof ExecuteAction || action instanceof SubmitAction) {
        const data = (action.data ?? {}) as Record<string, unknown>;
        const verb = action instanceof ExecuteAction ? action.verb : typeof data.verb === "string" ? data.verb : "";
        if (verb) void invoke(activityId, verb, data);
      }
    };
    card.parse(json);
    const rendered = card.render();
    if (rendered) holder.append(rendered);
    return holder;
  };

  const invoke = async (activityId: string, verb: string, data: Record<string, unknown>): Promise<void> => {
    const res = await fetch("/local/personal/invoke", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: userSelect.value, replyToId: activityId, verb, data }) });
    const body = (await res.json()) as { type?: string; value?: unknown };
    if (body.type === CARD && body.value) views.set(activityId, body.value);
    const entry = entries.get(activityId);
    if (entry) render(entry);
  };

  // Polled, not streamed: the browser's 6 connections per origin are the panels' and the chat's (see the route).
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const poll = async (mine: number): Promise<void> => {
    try {
      const res = await fetch(`/local/personal/messages?userId=${encodeURIComponent(userSelect.value)}`, { cache: "no-store" });
      if (res.ok && mine === generation) {
        const { messages } = (await res.json()) as { messages: Entry[] };
        for (const { id, activity } of messages) {
          const known = entries.get(id);
          if (known && JSON.stringify(known.activity) === JSON.stringify(activity)) continue;
          const entry = known ?? { id, activity };
          entry.activity = activity;
          entries.set(id, entry);
          render(entry);
        }
      }
    } catch {
      // The service is restarting or gone: the next poll tries again.
    }
    if (mine === generation) timer = setTimeout(() => void poll(mine), 1000);
  };
  const follow = (): void => {
    generation += 1;
    if (timer) clearTimeout(timer);
    entries.clear();
    views.clear();
    transcript.replaceChildren();
    empty.hidden = false;
    void poll(generation);
  };
  userSelect.addEventListener("change", follow);
  follow();

  sendDue.addEventListener("click", () => {
    sendDue.disabled = true;
    status.textContent = "Sending …";
    void fetch("/local/reminders/send-due", { method: "POST" })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const report = (await res.json()) as SendDueReport;
        status.textContent =
          report.at === null ? "No reminders are planned." : `Clock moved to ${new Date(report.at).toLocaleString("en-GB")}: ${report.sent} sent${report.unreachable ? `, ${report.unreachable} unreachable` : ""}.`;
      })
      .catch((err: unknown) => {
        status.textContent = `Could not send the reminders (${err instanceof Error ? err.message : String(err)}). Try again.`;
      })
      .finally(() => {
        sendDue.disabled = false;
      });
  });

  // Cards follow the page's theme: a theme change redraws them.
  new MutationObserver(() => {
    for (const entry of entries.values()) render(entry);
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = "", children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  node.append(...children);
  return node;
}
