/**
 * @module The local meeting page's chat pane: the meeting chat as Teams shows it, so a newcomer can use the
 * bot's cards without Teams. Messages and card actions go to the service as real Teams activities; cards are
 * drawn by the real Adaptive Cards renderer, with per-user views (Universal Actions refresh) like Teams.
 */
import { AdaptiveCard, ExecuteAction, OpenUrlAction, SubmitAction, type Action } from "adaptivecards";
import { cardHostConfig } from "./card-host-config.js";
import { processCardMarkdown } from "./card-markdown.js";

export interface ChatAttendee {
  readonly userId: string;
  readonly name: string;
}

interface Entry {
  readonly id: string;
  activity: { type?: string; text?: string; from?: { aadObjectId?: string; name?: string }; attachments?: Array<{ contentType?: string; content?: unknown }> };
}

interface CardJson {
  readonly refresh?: { readonly action?: { readonly verb?: string; readonly data?: Record<string, unknown> }; readonly userIds?: readonly string[] };
}

const CARD = "application/vnd.microsoft.card.adaptive";

/**
 * The view a Teams deep link to an app's tab asks for (`https://teams.microsoft.com/l/entity/<app>/<entity>?context=
 * {"subEntityId":…}`): its subEntityId ("" when it names none); null for any other link.
 */
export function teamsTabLinkView(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" || parsed.hostname !== "teams.microsoft.com" || !parsed.pathname.startsWith("/l/entity/")) return null;
  try {
    const context = JSON.parse(parsed.searchParams.get("context") ?? "{}") as { subEntityId?: unknown };
    return typeof context.subEntityId === "string" ? context.subEntityId : "";
  } catch {
    return "";
  }
}

/** `onOpenUrl`: a card's Action.OpenUrl pressed by the user the chat is written as. */
export function mountChat(root: HTMLElement, attendees: readonly ChatAttendee[], onOpenUrl?: (userId: string, url: string) => void): void {
  root.hidden = false;
  root.innerHTML = "";
  // Teams applies markdown to card text; so does this pane (escapes, bold, italics, https links).
  AdaptiveCard.onProcessMarkdown = processCardMarkdown;
  root.setAttribute("data-testid", "chat-pane");
  const heading = el("h2", "chat-title", "Meeting chat");
  const userLabel = el("label", "", "Writing as");
  const userSelect = document.createElement("select");
  userSelect.id = "chat-user-select";
  userSelect.dataset.testid = "chat-user-select";
  userLabel.htmlFor = userSelect.id;
  for (const a of attendees) userSelect.append(new Option(a.name, a.userId));
  // Who the chat is written as survives a reload, so a card is never sent as someone the user did not pick.
  const remembered = readWritingAs();
  if (remembered && attendees.some((a) => a.userId === remembered)) userSelect.value = remembered;
  const transcript = el("ol", "chat-transcript");
  transcript.setAttribute("aria-live", "polite");
  transcript.setAttribute("aria-label", "Messages");
  const form = document.createElement("form");
  form.className = "chat-compose";
  const input = document.createElement("input");
  input.dataset.testid = "chat-input";
  input.maxLength = 4000;
  input.placeholder = 'Write "sir" to prepare a SIR item';
  input.setAttribute("aria-label", "Message");
  const send = el("button", "", "Send");
  send.setAttribute("type", "submit");
  send.dataset.testid = "chat-send";
  form.append(input, send);
  root.append(heading, el("div", "chat-user", "", [userLabel, userSelect]), transcript, form);

  const entries = new Map<string, Entry>();
  /** What each user sees of a card after acting on it or refreshing it: Teams shows per-user views. */
  const views = new Map<string, unknown>();
  const viewKey = (activityId: string) => `${activityId}\n${userSelect.value}`;

  const render = (entry: Entry): void => {
    let li = transcript.querySelector<HTMLLIElement>(`li[data-activity-id="${CSS.escape(entry.id)}"]`);
    if (!li) {
      li = document.createElement("li");
      li.dataset.activityId = entry.id;
      li.dataset.testid = "chat-message";
      transcript.append(li);
    }
    const fromUser = entry.activity.from?.aadObjectId !== undefined && attendees.some((a) => a.userId === entry.activity.from?.aadObjectId);
    li.dataset.from = fromUser ? "user" : "bot";
    li.className = fromUser ? "chat-message chat-from-user" : "chat-message chat-from-bot";
    li.innerHTML = "";
    li.append(el("span", "chat-author", fromUser ? (entry.activity.from?.name ?? "") : "OKR bot"));
    if (entry.activity.text) li.append(el("p", "chat-text", entry.activity.text));
    const attachment = entry.activity.attachments?.find((a) => a.contentType === CARD);
    if (attachment) li.append(renderCard(entry.id, (views.get(viewKey(entry.id)) ?? attachment.content) as CardJson));
    // Keep the newest message in view inside the transcript without scrolling the whole page.
    transcript.scrollTop = transcript.scrollHeight;
  };

  const invoke = async (activityId: string, verb: string, data: Record<string, unknown>, trigger: "manual" | "automatic"): Promise<void> => {
    const res = await fetch("/local/chat/invoke", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: userSelect.value, replyToId: activityId, verb, data, trigger }),
    });
    const body = (await res.json()) as { type?: string; value?: unknown };
    if (body.type === CARD && body.value) views.set(viewKey(activityId), body.value);
    const entry = entries.get(activityId);
    if (entry) render(entry);
  };

  const refreshed = new Set<string>();
  const renderCard = (activityId: string, json: CardJson): HTMLElement => {
    const holder = el("div", "chat-card");
    holder.dataset.testid = "chat-card";
    holder.dataset.activityId = activityId;
    // Teams asks the bot for this user's own view when the card lists them in refresh.userIds.
    const refresh = json.refresh;
    const key = viewKey(activityId);
    if (refresh?.action?.verb && refresh.userIds?.includes(`8:orgid:${userSelect.value}`) && !views.has(key) && !refreshed.has(key)) {
      refreshed.add(key);
      void invoke(activityId, refresh.action.verb, refresh.action.data ?? {}, "automatic");
    }
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
        if (verb) void invoke(activityId, verb, data, "manual");
      }
    };
    card.parse(json);
    const rendered = card.render();
    if (rendered) holder.append(rendered);
    return holder;
  };

  const stream = new EventSource("/local/chat/stream");
  stream.onmessage = (e: MessageEvent<string>) => {
    const { id, activity } = JSON.parse(e.data) as Entry;
    const known = entries.get(id);
    // An updated card is asked for again by each listed user, as Teams refreshes it: their own views are stale now.
    if (known) {
      for (const key of [...views.keys(), ...refreshed]) {
        if (!key.startsWith(`${id}\n`)) continue;
        views.delete(key);
        refreshed.delete(key);
      }
    }
    const entry = known ?? { id, activity };
    entry.activity = activity;
    entries.set(id, entry);
    render(entry);
  };

  // Teams draws cards in the theme the user picked: a theme change redraws every card.
  new MutationObserver(() => {
    for (const entry of entries.values()) render(entry);
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  userSelect.addEventListener("change", () => {
    writeWritingAs(userSelect.value);
    for (const entry of entries.values()) render(entry);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    void fetch("/local/chat/send", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: userSelect.value, text }) });
  });
}

const WRITING_AS_KEY = "okr.local.chat.writingAs";

/** Session storage can be switched off (private windows, policies): then the picker starts at the first attendee. */
function readWritingAs(): string | null {
  try {
    return sessionStorage.getItem(WRITING_AS_KEY);
  } catch {
    return null;
  }
}

function writeWritingAs(userId: string): void {
  try {
    sessionStorage.setItem(WRITING_AS_KEY, userId);
  } catch {
    // Not remembered across a reload; the picker still shows who is writing.
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = "", children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  node.append(...children);
  return node;
}
