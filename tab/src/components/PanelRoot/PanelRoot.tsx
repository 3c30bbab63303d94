/** @module The panel's root: Fluent theme (light, dark, high contrast), language, and the attributes tests read (theme, locale, state version). */
import { FluentProvider, teamsLightTheme, type Theme } from "@fluentui/react-components";
import { useEffect, useState, type ReactNode } from "react";
import type { Locale, Messages } from "../../../../shared/src/i18n/format.js";
import { I18nProvider } from "../../state/i18n-context.js";
import type { ThemeName } from "../../teams/teams-host.js";
import { usePanelRootStyles } from "./PanelRoot.styles.js";
import { loadedTheme, loadTheme } from "./themes.js";

export interface PanelRootProps {
  readonly theme: ThemeName;
  readonly locale: Locale;
  readonly messages: Messages;
  /** The meeting state's version, when one is loaded. */
  readonly version?: number | undefined;
  readonly children: ReactNode;
}

export function PanelRoot({ theme, locale, messages, version, children }: PanelRootProps) {
  const styles = usePanelRootStyles();
  // The dark and high-contrast themes are a lazy chunk: until it is here the last theme stays, and data-theme says
  // which theme is applied (not which is wanted), so nothing reads a theme that is not on screen yet.
  const [shown, setShown] = useState<{ readonly name: ThemeName; readonly theme: Theme }>(() => {
    const ready = loadedTheme(theme);
    return ready ? { name: theme, theme: ready } : { name: "default", theme: teamsLightTheme };
  });
  useEffect(() => {
    let live = true;
    loadTheme(theme).then(
      (ready) => {
        if (live) setShown((s) => (s.name === theme ? s : { name: theme, theme: ready }));
      },
      (err: unknown) => console.error(`Could not load the ${theme} theme`, err),
    );
    return () => {
      live = false;
    };
  }, [theme]);
  useEffect(() => {
    // Screen readers pick their voice from the document language.
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <FluentProvider
      theme={shown.theme}
      className={styles.root}
      data-testid="panel-root"
      data-theme={shown.name}
      data-locale={locale}
      data-version={version}
    >
      <I18nProvider locale={locale} messages={messages}>{children}</I18nProvider>
    </FluentProvider>
  );
}
