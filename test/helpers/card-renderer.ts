/**
 * @module The real Adaptive Cards renderer in a test's DOM (happy-dom): parse like a client, fail on any parse or
 * validation event, render, type into inputs, click actions. A test file that uses it declares
 * `// @vitest-environment happy-dom` and calls `installCardRenderer()` once.
 */
import { AdaptiveCard as RenderedCard, SerializationContext, type Action, type IMarkdownProcessingResult, type Input } from "adaptivecards";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { AdaptiveCard } from "../../shared/src/cards/card-types.js";

export { RenderedCard };

/**
 * A small stand-in for the markdown Teams applies to TextBlocks: backslash escapes, links, bold, italics,
 * code and raw HTML. Enough to show whether user text would turn into formatting or a link.
 */
export function miniMarkdown(text: string, result: IMarkdownProcessingResult): void {
  const escaped: string[] = [];
  const html = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  let out = text.replace(/\\([!-/:-@[-`{-~])/g, (_m, c: string) => `\uE000${escaped.push(c) - 1}\uE001`);
  out = out
    .replace(/<(\/?[a-z]+)>/gi, "<$1>")
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/_(.+?)_/g, "<em>$1</em>")
    .replace(/`(.+?)`/g, "<code>$1</code>");
  result.outputHtml = `<p>${out.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => html(escaped[Number(i)] ?? ""))}</p>`;
  result.didProcess = true;
}

let cancelBubble: PropertyDescriptor | undefined;

/** Registers the hooks: Teams-like markdown, a clickable happy-dom, an empty page before each test. */
export function installCardRenderer(): void {
  beforeAll(() => {
    // happy-dom's Event has a read-only cancelBubble; the renderer's buttons set it on click.
    cancelBubble = Object.getOwnPropertyDescriptor(Event.prototype, "cancelBubble");
    Object.defineProperty(Event.prototype, "cancelBubble", {
      configurable: true,
      get(this: Event) {
        return cancelBubble?.get?.call(this) ?? false;
      },
      set(this: Event, value: boolean) {
        if (value) this.stopPropagation();
      },
    });
    RenderedCard.onProcessMarkdown = miniMarkdown;
  });
  afterAll(() => {
    if (cancelBubble) Object.defineProperty(Event.prototype, "cancelBubble", cancelBubble);
    RenderedCard.onProcessMarkdown = undefined;
  });
  beforeEach(() => {
    document.body.innerHTML = "";
  });
}

export interface Rendered {
  readonly card: RenderedCard;
  readonly element: HTMLElement;
  /** Every action the card executed, in order. */
  readonly executed: Action[];
}

/** Parses like a client does, fails on any parse or validation event (but those expected), renders into the page. */
export function render(json: AdaptiveCard, context: SerializationContext = new SerializationContext(), expected: readonly RegExp[] = []): Rendered {
  const card = new RenderedCard();
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  expect(events.filter((e) => !expected.some((x) => x.test(e))), "parse events").toEqual([]);
  expect(card.validateProperties().validationEvents.map((e) => e.message), "validation").toEqual([]);
  const executed: Action[] = [];
  card.onExecuteAction = (action) => executed.push(action);
  const element = card.render();
  if (!element) throw new Error("the card did not render");
  document.body.appendChild(element);
  return { card, element, executed };
}

export function input(card: RenderedCard, id: string): Input {
  const found = card.getAllInputs().find((i) => i.id === id);
  if (!found) throw new Error(`no input '${id}'`);
  return found;
}

/** Types into an input the way a user would: into the rendered control. */
export function fill(card: RenderedCard, values: Readonly<Record<string, string>>): void {
  for (const [id, value] of Object.entries(values)) {
    const rendered = input(card, id).renderedElement;
    // An expanded choice set is a group of radio buttons; the other inputs have one control.
    const radio = rendered?.querySelector(`input[type="radio"][value="${value}"]`);
    if (radio instanceof HTMLInputElement) {
      radio.checked = true;
      continue;
    }
    const control = rendered?.querySelector("input, textarea, select");
    if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement) {
      control.value = value;
      continue;
    }
    throw new Error(`input '${id}' has no control for '${value}'`);
  }
}

/** Clicks the action's rendered button. */
export function click(card: RenderedCard, actionId: string): Action {
  const action = card.getActionById(actionId);
  const button = action?.renderedElement;
  if (!action || !button) throw new Error(`no rendered action '${actionId}'`);
  button.click();
  return action;
}

