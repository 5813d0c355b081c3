// The shared browser-test harness: headless Chromium (Debian's, through playwright-core) on the
// static build served by vite's preview. Each e2e file calls useBrowser() inside its describe block
// and gets one build, one server and one page; open/shot/hooks drive the app as a user would and
// read window.__cassino (ui/test-hooks.ts).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { type PreviewServer, build, preview } from 'vite';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { GameState } from '../../engine/core/index.ts';
import { ROOT } from '../../engine/node/files.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const IN_CI = process.env.CI === 'true';
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let warned = false;
/** Warns once when there is no Chromium, and fails in CI (where the suite must run). Call at the top level of an e2e file. */
export function requireChromiumInCi(): void {
  if (!HAVE_CHROMIUM && !warned) {
    warned = true;
    console.warn(`\n*** BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH). ***\n`);
  }
  describe.runIf(!HAVE_CHROMIUM && IN_CI)('browser tests in CI', () => {
    it('needs Chromium', () => {
      throw new Error(`CI=true but no Chromium at ${CHROMIUM}: .ci/run must install it (apt-get install -y chromium)`);
    });
  });
}

export interface Hooks {
  ready: boolean;
  state: GameState | null;
  mode: string;
  scenario: string | null;
  renderer: string;
  frame: number;
  frames: number;
  runDone: boolean;
  busy: boolean;
  waiting: boolean;
  selected: string[];
  lastRun: { finalHash: string; turns: number; computeMs: number } | null;
  lastReplay: { ok: boolean; message: string; finalHash: string } | null;
  unitScreenPos(id: string): { x: number; y: number } | null;
  hexScreenPos(h: number): { x: number; y: number };
  legalMoves(): number[];
  hashOfShownState(): string | null;
  centreOn(h: number, px?: number): void;
  fit(): void;
  pixelStats(): { width: number; height: number; distinct: number; nonBackground: number };
  measureFrames(n: number): Promise<{ frames: number; avgMs: number; p95Ms: number; maxMs: number; rafAvgMs: number; hexPx: number; mapHexes: number; units: number }>;
}
declare global { interface Window { __cassino: Hooks } }

/** One browser session for an e2e file: fields are filled in beforeAll. */
export interface BrowserSession {
  page: Page;
  /** A scratch folder for files the test writes (removed afterwards). */
  outDir: string;
  /** Uncaught errors in the page, in order. */
  errors: string[];
  /** Opens the app with a query string (e.g. '?scenario=battle-4') and waits until it is ready. */
  open(query: string): Promise<void>;
  /** Saves a screenshot to test-artifacts/e2e/<name>.png. */
  shot(name: string): Promise<Buffer>;
  /** Runs fn(window.__cassino) in the page (fn must not use anything from the caller's scope). */
  hooks<T>(fn: (h: Hooks) => T): Promise<T>;
  /** The map canvas's box on the page. */
  mapBox(): Promise<{ x: number; y: number; width: number; height: number }>;
}

/** Builds the app, serves it and opens Chromium for the enclosing describe block. */
export function useBrowser(): BrowserSession {
  let server: PreviewServer | undefined;
  let browser: BrowserContext | undefined;
  let profile = '';
  let base = '';
  const s: BrowserSession = {
    page: undefined as unknown as Page,
    outDir: '',
    errors: [],
    open: async (query) => {
      await s.page.goto(`${base}${query}`);
      await s.page.waitForFunction(() => window.__cassino?.ready === true, null, { timeout: 0 });
    },
    shot: (name) => s.page.screenshot({ path: join(ARTIFACTS, `${name}.png`) }),
    hooks: <T>(fn: (h: Hooks) => T) => s.page.evaluate(`(${fn.toString()})(window.__cassino)`) as Promise<T>,
    mapBox: async () => (await s.page.locator('#map').boundingBox())!,
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    s.outDir = mkdtempSync(join(tmpdir(), 'cassino-dist-'));
    profile = mkdtempSync(join(tmpdir(), 'cassino-chromium-'));
    const configFile = resolve(ROOT, 'vite.config.ts');
    await build({ configFile, root: join(ROOT, 'ui'), logLevel: 'warn', build: { outDir: s.outDir, emptyOutDir: true } });
    server = await preview({ configFile, root: join(ROOT, 'ui'), logLevel: 'warn', build: { outDir: s.outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
    base = server.resolvedUrls!.local[0];
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 720 } });
    s.page = browser.pages()[0] ?? await browser.newPage();
    // No wait may fail because the machine is busy: a hang is caught by the test run, not by seconds.
    s.page.setDefaultTimeout(0);
    s.page.on('pageerror', (e) => s.errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const d of [s.outDir, profile]) if (d) rmSync(d, { recursive: true, force: true });
  });
  return s;
}
