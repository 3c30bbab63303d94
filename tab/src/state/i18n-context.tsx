/** @module The panel's language as React context: `useI18n()` gives `t` bound to the viewer's locale and its (lazily loaded) catalogue. */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { formatKey, formatMessage, type Locale, type MessageKey, type MessageParams, type Messages } from "../../../shared/src/i18n/format.js";

interface Language {
  readonly locale: Locale;
  readonly messages: Messages;
}

// No default catalogue: every catalogue is a lazy chunk (load.ts), and every page renders inside PanelRoot's provider.
const LanguageContext = createContext<Language | null>(null);

export function I18nProvider({ locale, messages, children }: Language & { readonly children: ReactNode }) {
  const value = useMemo(() => ({ locale, messages }), [locale, messages]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export interface I18n {
  readonly locale: Locale;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  /** For keys that come as data (section labels, questions): undefined when unknown. */
  readonly tKey: (key: string, params?: MessageParams) => string | undefined;
}

export function useI18n(): I18n {
  const language = useContext(LanguageContext);
  if (!language) throw new Error("useI18n outside an I18nProvider (PanelRoot)");
  const { locale, messages } = language;
  return useMemo(
    () => ({ locale, t: (key, params) => formatMessage(messages, key, params), tKey: (key, params) => formatKey(messages, key, params) }),
    [locale, messages],
  );
}
