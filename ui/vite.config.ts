import { defineConfig } from "vitest/config";

// The app loads the built files through Tauri's own protocol; no dev server is involved, so
// the output must be self-contained and free of inline scripts (the CSP forbids them).
export default defineConfig({
  clearScreen: false,
  build: {
    target: "es2021",
    outDir: "dist",
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    globals: true,
  },
});
