/**
 * @module Host configs for the local chat's Adaptive Cards in Teams' three themes: cards follow the page's theme as
 * Teams draws them (dark cards on dark, white on black with yellow accents in high contrast). The colours are the
 * page's own theme variables (meeting.css), read when a card is drawn, so the chat and the page never disagree.
 */
import { HostConfig } from "adaptivecards";

export type CardTheme = "default" | "dark" | "contrast";

interface Palette {
  readonly surface: string;
  readonly emphasis: string;
  readonly text: string;
  readonly muted: string;
  readonly accent: string;
  readonly good: string;
  readonly attention: string;
  readonly warning: string;
}

/** The theme's colours from the page's CSS variables (each theme sets all of them). */
function palette(root: Element): Palette {
  const style = getComputedStyle(root);
  const v = (name: string): string => style.getPropertyValue(name).trim();
  return {
    surface: v("--surface"),
    emphasis: v("--bg"),
    text: v("--text"),
    muted: v("--muted"),
    accent: v("--accent"),
    good: v("--ok"),
    attention: v("--bad"),
    warning: v("--bad"),
  };
}

const colour = (value: string, subtle = value) => ({ default: value, subtle });

function containerStyle(background: string, p: Palette) {
  return {
    backgroundColor: background,
    foregroundColors: {
      default: colour(p.text, p.muted),
      dark: colour(p.text, p.muted),
      light: colour(p.text, p.muted),
      accent: colour(p.accent),
      good: colour(p.good),
      warning: colour(p.warning),
      attention: colour(p.attention),
    },
  };
}

/** The host config for the page's current theme. */
export function cardHostConfig(root: Element = document.documentElement): HostConfig {
  const p = palette(root);
  return new HostConfig({
    fontFamily: "Segoe UI, system-ui, sans-serif",
    supportsInteractivity: true,
    containerStyles: {
      default: containerStyle(p.surface, p),
      emphasis: containerStyle(p.emphasis, p),
      accent: containerStyle(p.emphasis, p),
      good: containerStyle(p.emphasis, p),
      attention: containerStyle(p.emphasis, p),
      warning: containerStyle(p.emphasis, p),
    },
  });
}
