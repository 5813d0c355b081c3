/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { overviewPlugin } from './scripts/overview/plugin.ts';
import { preloadRendererPlugin } from './scripts/preload-renderer.ts';
import { scenarioIndexPlugin } from './scripts/scenario-index.ts';

const SCENARIOS = fileURLToPath(new URL('./scenarios', import.meta.url));

export default defineConfig({
  // The browser front end (ui/): `npm start` serves it, `npm run build` writes a static site to dist/.
  root: 'ui',
  // Relative asset paths, so dist/ works from any folder or file server, offline.
  base: './',
  // The scenario chooser's index is built with the scenarios (scripts/scenario-index.ts); each map's
  // whole-map overview is baked into overview/<map>.png (scripts/overview/).
  plugins: [scenarioIndexPlugin(SCENARIOS), overviewPlugin(`${SCENARIOS}/maps`), preloadRendererPlugin()],
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  // The engine worker imports scenario files lazily (code splitting needs ES module workers).
  worker: { format: 'es', plugins: () => [scenarioIndexPlugin(SCENARIOS)] },
  server: { fs: { allow: ['..'] } },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // No test may fail because the machine is busy: tests assert results, never seconds. The bound
    // only stops a hung test before CI's own limit.
    testTimeout: 2_400_000,
    hookTimeout: 2_400_000,
    pool: 'forks',
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
