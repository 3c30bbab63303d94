// Builds the side panel (tab/index.html), the configuration page (tab/config.html) and the local meeting page (tab/local/meeting.html) into dist/tab, served by the service under /tab/.
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { defineConfig } from "vite";

export default defineConfig({
  root: resolve(import.meta.dirname, "tab"),
  base: "/tab/",
  plugins: [react()],
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
