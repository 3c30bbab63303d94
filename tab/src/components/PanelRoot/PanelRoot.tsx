/** @module The panel's root: Fluent theme (light, dark, high contrast), language, and the attributes tests read (theme, locale, state version). */
import { FluentProvider, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from "@fluentui/react-components";
import { useEffect, type ReactNode } from "react";
import type { Locale, Messages } from "../../../../shared/src/i18n/format.js";
import { I18nProvider } from "../../state/i18n-context.js";
import type { ThemeName } from "../../teams/teams-host.js";
import { usePanelRootStyles } from "./PanelRoot.styles.js";

const THEMES: Readonly<Record<ThemeName, Theme>> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

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
  useEffect(() => {
    // Screen readers pick their voice from the document language.
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <FluentProvider
      theme={THEMES[theme]}
      className={styles.root}
      data-testid="panel-root"
      data-theme={theme}
      data-locale={locale}
      data-version={version}
    >
      <I18nProvider locale={locale} messages={messages}>{children}</I18nProvider>
    </FluentProvider>
  );
}
