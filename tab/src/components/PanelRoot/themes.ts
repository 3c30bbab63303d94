/**
 * @module The panel's Fluent themes. The light theme is in the first load; the dark and high-contrast ones are a
 * chunk of their own (other-themes.ts), fetched only by viewers whose Teams uses them: the entry points start it
 * in parallel with the language, so the first render after Teams answers already has the viewer's theme.
 */
import { teamsLightTheme, type Theme } from "@fluentui/react-components";
import type { ThemeName } from "../../teams/teams-host.js";

const loaded = new Map<ThemeName, Theme>([["default", teamsLightTheme]]);
let others: Promise<void> | null = null;

/** The theme if it is already here. */
export function loadedTheme(name: ThemeName): Theme | undefined {
  return loaded.get(name);
}

/** Fetches the theme's chunk once (again after a failure); resolves with the theme. */
export async function loadTheme(name: ThemeName): Promise<Theme> {
  const have = loaded.get(name);
  if (have) return have;
  others ??= import("./other-themes.js").then(
    (m) => {
      loaded.set("dark", m.teamsDarkTheme);
      loaded.set("contrast", m.teamsHighContrastTheme);
    },
    (err: unknown) => {
      others = null;
      throw err;
    },
  );
  await others;
  const theme = loaded.get(name);
  if (!theme) throw new Error(`no theme ${name}`);
  return theme;
}

/** For the entry points: a failure is logged and the panel starts in the light theme rather than not at all. */
export function preloadTheme(name: ThemeName): Promise<void> {
  return loadTheme(name).then(
    () => undefined,
    (err: unknown) => console.error(`Could not load the ${name} theme`, err),
  );
}
