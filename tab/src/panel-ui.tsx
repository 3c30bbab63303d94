/**
 * @module The panel's user interface as one lazy chunk: React, Fluent UI and the sections. The entry (main.tsx)
 * imports it dynamically so that while this chunk downloads, compiles and evaluates, Teams is already being asked for
 * its context and token and the service for the meeting; index.html preloads it (vite.config.ts), so it is not fetched
 * any later than a static import would be.
 */
import { StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { formatMessage, type Locale, type Messages } from "../../shared/src/i18n/format.js";
import { App, type AppConnection } from "./components/App/App.js";
import type { PanelServices } from "./teams/panel-services.js";
import { Notice } from "./components/Notice/Notice.js";
import { PanelRoot } from "./components/PanelRoot/PanelRoot.js";
export { preloadTheme } from "./components/PanelRoot/themes.js";

let root: Root | null = null;

function rootIn(container: HTMLElement): Root {
  root ??= createRoot(container);
  return root;
}

/** "Connecting to Teams…", in the browser's language, while Teams has not answered. */
export function renderStarting(container: HTMLElement, locale: Locale, messages: Messages): void {
  rootIn(container).render(
    <StrictMode>
      <PanelRoot theme="default" locale={locale} messages={messages}>
        <main>
          <Notice busy={formatMessage(messages, "loading.teams")} />
        </main>
      </PanelRoot>
    </StrictMode>,
  );
}

export function renderPanel(container: HTMLElement, props: { readonly connection: AppConnection; readonly services: PanelServices | null; readonly locale: Locale; readonly messages: Messages }): void {
  rootIn(container).render(
    <StrictMode>
      <App {...props} />
    </StrictMode>,
  );
}
