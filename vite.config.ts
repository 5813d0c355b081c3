/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { configDefaults } from 'vitest/config';
import { overviewPlugin } from './scripts/overview/plugin.ts';
import { preloadRendererPlugin } from './scripts/preload-renderer.ts';
import { scenarioIndexPlugin } from './scripts/scenario-index.ts';

const SCENARIOS = fileURLToPath(new URL('./scenarios', import.meta.url));

// `npm test` is the suite a developer runs after each change (a few minutes on 2 cores); `npm run
// test:all` (what CI runs) adds the slow checks: the calibration of every scenario at 100 runs, the
// batch at scale and the distributed batch (child processes, PostgreSQL), and the browser tests.
const SLOW_TESTS = ['tests/calibration.test.ts', 'tests/batch-scale.test.ts', 'tests/distributed.test.ts', 'tests/e2e/**'];
const ALL_TESTS = process.env.CASSINO_TESTS === 'all';

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
    exclude: [...configDefaults.exclude, ...(ALL_TESTS ? [] : SLOW_TESTS)],
    // Two test files at a time even on 2 cores (vitest's default is one fewer than the cores): the
    // fast suite's files are independent (temporary folders, free ports). The whole suite keeps the
    // default, so that the browser tests do not share the machine with another file.
    ...(ALL_TESTS ? {} : { maxWorkers: Math.max(2, availableParallelism() - 1) }),
    setupFiles: ['tests/setup.ts'],
    // No test may fail because the machine is busy: tests assert results, never seconds. The bound
    // only stops a hung test before CI's own limit.
    testTimeout: 2_400_000,
    hookTimeout: 2_400_000,
    pool: 'forks',
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
