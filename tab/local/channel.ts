/**
 * @module The local meeting page's channel pane: the team's channel as Teams shows it, where the summary card a lead
 * posts appears, drawn by the real Adaptive Cards renderer, and changes in place when the post is updated. Fed by
 * `/local/channel/stream` (every post and update the Bot Connector stand-in receives in a channel thread).
 */
import { AdaptiveCard, HostConfig } from "adaptivecards";

interface Entry {
  readonly id: string;
  readonly conversationId: string;
  readonly activity: { readonly attachments?: ReadonlyArray<{ readonly contentType?: string; readonly content?: unknown }> };
}

const CARD = "application/vnd.microsoft.card.adaptive";
/** The pane keeps the latest posts only (the stand-in keeps 500 activities). */
const MAX_POSTS = 50;

export function mountChannel(root: HTMLElement): void {
  root.hidden = false;
  root.innerHTML = "";
  root.setAttribute("data-testid", "channel-pane");
  const heading = document.createElement("h2");
  heading.className = "chat-title";
  heading.textContent = "Team channel";
  const list = document.createElement("ol");
  list.className = "chat-log";
  list.setAttribute("aria-live", "polite");
  root.append(heading, list);

  const items = new Map<string, HTMLLIElement>();
  const render = (entry: Entry): void => {
    const li = items.get(entry.id) ?? document.createElement("li");
    li.dataset.testid = "channel-post";
    li.dataset.activityId = entry.id;
    li.replaceChildren();
    const json = entry.activity.attachments?.find((a) => a.contentType === CARD)?.content;
    if (json) {
      const card = new AdaptiveCard();
      card.hostConfig = new HostConfig({ fontFamily: "Segoe UI, system-ui, sans-serif", supportsInteractivity: true });
      card.parse(json);
      const rendered = card.render();
      if (rendered) li.append(rendered);
    }
    if (!items.has(entry.id)) {
      items.set(entry.id, li);
      list.append(li);
      while (items.size > MAX_POSTS) {
        const [oldest] = items.keys();
        if (oldest === undefined) break;
        items.get(oldest)?.remove();
        items.delete(oldest);
      }
    }
  };
  const stream = new EventSource("/local/channel/stream");
  stream.onmessage = (e: MessageEvent<string>) => render(JSON.parse(e.data) as Entry);
}
