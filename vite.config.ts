// Builds the side panel (tab/index.html), the configuration page (tab/config.html) and the local meeting page (tab/local/meeting.html) into dist/tab, served by the service under /tab/.
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { defineConfig, type HtmlTagDescriptor, type Plugin } from "vite";

/**
 * The panel's entry imports its user interface dynamically (tab/src/main.tsx says why); this lists that chunk and the
 * chunks it imports as modulepreloads in index.html, so the browser fetches and compiles them from the start, in
 * parallel with the entry, as it would static imports.
 */
function preloadPanelUi(): Plugin {
  return {
    name: "okr:preload-panel-ui",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        if (!ctx.bundle || ctx.filename !== resolve(import.meta.dirname, "tab/index.html")) return undefined;
        const chunks = Object.values(ctx.bundle).flatMap((c) => (c.type === "chunk" ? [c] : []));
        const ui = chunks.find((c) => c.facadeModuleId === resolve(import.meta.dirname, "tab/src/panel-ui.tsx"));
        if (!ui) throw new Error("preload-panel-ui: no chunk for tab/src/panel-ui.tsx (is it still imported by main.tsx?)");
        const files = new Set<string>();
        const visit = (fileName: string): void => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const next of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(next);
        };
        visit(ui.fileName);
        const tags: HtmlTagDescriptor[] = [...files]
          .filter((f) => !html.includes(`/${f}"`))
          .map((f) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/tab/${f}` }, injectTo: "head" }));
        return tags;
      },
    },
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, "tab"),
  base: "/tab/",
  plugins: [react(), preloadPanelUi()],
  build: {
    outDir: resolve(import.meta.dirname, "dist/tab"),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
    // Teams' web views support modulepreload; without it an old browser only loads the same modules a little later.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        panel: resolve(import.meta.dirname, "tab/index.html"),
        config: resolve(import.meta.dirname, "tab/config.html"),
        meeting: resolve(import.meta.dirname, "tab/local/meeting.html"),
      },
    },
  },
  server: { port: 5173, proxy: { "/api": "http://127.0.0.1:3978", "/local": "http://127.0.0.1:3978" } },
});
