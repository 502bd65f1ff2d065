/**
 * E2E harness: the real server in-process (fresh in-memory PGlite seeded with the demo province) serving the
 * built web app, and Debian's Chromium driven by playwright-core at 1366×768.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { type Database, migrateDatabase, openDatabase } from '../src/server/db/client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, seedDemoOrganisation } from '../src/server/seed/demo';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIR = path.join(ROOT, 'dist/web');
export const SHOTS_DIR = path.join(ROOT, '.tmp/e2e');

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds dist/web when it is missing or older than the web sources (so a journey never tests a stale bundle). */
export function ensureWebBuild(): void {
  const index = path.join(WEB_DIR, 'index.html');
  const sources = [path.join(ROOT, 'src/web'), path.join(ROOT, 'src/core'), path.join(ROOT, 'vite.config.ts')];
  const stale = !fs.existsSync(index) || sources.some((s) => newestMtime(s) > fs.statSync(index).mtimeMs);
  if (!stale && !process.env.E2E_REBUILD) return;
  // vitest runs with NODE_ENV=test, which would give a development bundle: build for production explicitly.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

export interface Harness {
  baseUrl: string;
  app: FastifyInstance;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far (network 4xx answers are expected and listed apart). */
  consoleErrors: string[];
  /** Failed HTTP responses seen so far, as "STATUS METHOD path". */
  failedResponses: string[];
  /** Calls the API with the browser's session (to play "someone else" changing data behind the page's back). */
  apiAs(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the server and the browser; call close() in afterAll. */
export async function startHarness(): Promise<Harness> {
  ensureWebBuild();
  const database: Database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  // The whole demo by default; E2E_SEED=organisation seeds only the organisation and accounts (faster, and
  // enough for the administration journeys).
  await (process.env.E2E_SEED === 'organisation' ? seedDemoOrganisation(database) : seedDemo(database));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIR: 'dist/web', DATA_DIR: '.tmp/e2e', LOGIN_RATE_PER_IP: '100000' });
  const app: FastifyInstance = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  const failedResponses: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    // The browser reports every 4xx answer as a console error; those are tracked via failedResponses instead.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    consoleErrors.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) failedResponses.push(`${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  fs.mkdirSync(SHOTS_DIR, { recursive: true });

  return {
    baseUrl,
    app,
    context,
    page,
    consoleErrors,
    failedResponses,
    async apiAs(method, url, body) {
      const cookies = await context.cookies(baseUrl);
      const csrf = cookies.find((c) => c.name === 'pi_csrf')?.value ?? '';
      const res = await context.request.fetch(`${baseUrl}${url}`, {
        method,
        headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { data: JSON.stringify(body) }),
      });
      return { status: res.status(), body: (await res.json()) as unknown };
    },
    async screenshot(name) {
      const file = path.join(SHOTS_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close().catch(() => undefined);
      await app.close();
      await database.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Picks `option` in the antd Select opened by `trigger` (typing `typed` first to search, when given) and checks
 * that the select shows it. The option list opens with an animation: a click that lands while it is still
 * settling can be lost, so the pick is tried again (up to three times) until the select shows the option; then it
 * fails like any other step. Multiple selects count a pick when the option appears among their tags.
 */
export async function pickOption(page: Page, trigger: Locator, option: string | RegExp, typed?: string): Promise<void> {
  const shown = () => trigger.evaluate((el) => el.closest('.ant-select')?.textContent ?? '');
  const taken = (text: string) => (typeof option === 'string' ? text.includes(option) : option.test(text));
  for (let attempt = 0; attempt < 3; attempt++) {
    await page
      .waitForFunction(() => [...document.querySelectorAll('.ant-select-dropdown')].every((d) => d.classList.contains('ant-select-dropdown-hidden') || getComputedStyle(d).display === 'none'), undefined, { timeout: 5_000 })
      .catch(() => undefined);
    await trigger.click();
    if (typed) await trigger.fill(typed);
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
    // Taken by an earlier attempt whose check could not see it (a label shown differently): clicking would undo it.
    if (attempt > 0 && ((await item.getAttribute('class')) ?? '').includes('ant-select-item-option-selected')) {
      await page.keyboard.press('Escape');
      return;
    }
    await item.click();
    if (taken(await shown())) return;
  }
  throw new Error(`the select did not take the option "${String(option)}"`);
}
