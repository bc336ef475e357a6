import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
export const DEMO_PASSWORD = 'liangdian-demo';

/** Debian's Chromium: browsers cannot be downloaded on the build machines. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Chromium for the describe block this is called in: launched before its tests, closed after.
 * Returns the browser (read it inside a test or hook, not at collection time).
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll');
    return browser;
  };
}

/**
 * The browser's own time zone for the whole run: Beijing unless `E2E_TIMEZONE` names another
 * (`E2E_TIMEZONE=UTC npm run test:e2e`). The product must show and read every date and time in
 * Beijing time whatever the browser's zone is, so every spec passes in any zone.
 */
export const BROWSER_TIMEZONE = process.env.E2E_TIMEZONE || 'Asia/Shanghai';

/**
 * A fresh context (own cookies and localStorage) sized like a 10-inch tablet in landscape, in the
 * run's browser zone unless another is given (a laptop set to UTC, say).
 */
export function newContext(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
  timezoneId = BROWSER_TIMEZONE,
  locale: 'zh-CN' | 'en-US' = 'zh-CN',
): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport, acceptDownloads: true, locale, timezoneId });
}

/** Waits, for a while at most, until the page has loaded its data: no request out, no spinner, no skeleton. */
export async function settled(page: Page, timeout = 5000): Promise<void> {
  // Pages with a live stream never go network-idle: wait a little for images and fonts, not 30 s.
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
  // Tables fade their loading mask out: wait for the data.
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout })
    .catch(() => undefined);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // the data in, then every animation stopped mid-way
  await settled(page);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled' });
}

export interface Login {
  username: string;
  password: string;
}

/**
 * A fresh context (own cookies, a 10-inch landscape tablet, the run's zone unless told) signed in
 * as `user` through the login form. With `locale: 'en-US'` the UI is in English from the first page.
 */
export async function signedIn(
  browser: Browser,
  baseURL: string,
  user: Login,
  opts: {
    viewport?: { width: number; height: number };
    timezoneId?: string;
    locale?: 'zh-CN' | 'en-US';
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const locale = opts.locale ?? 'zh-CN';
  const context = await newContext(browser, baseURL, opts.viewport, opts.timezoneId, locale);
  const page = await context.newPage();
  if (locale !== 'zh-CN')
    await page.addInitScript((l) => {
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('liangdian.locale', l);
    }, locale);
  await login(page, user.username, user.password);
  return { context, page };
}

/** Logs in through the login form and waits for the app shell. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** Calls the API from Node with its own session, e.g. to look up ids the UI test needs. */
export async function apiSession(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers:
        method === 'GET'
          ? { cookie }
          : { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
  /** POSTs a multipart form as the web app uploads a file: the file in field "file", beside `fields`. */
  const upload = async <T>(
    path: string,
    file: { name: string; mimeType: string; buffer: Buffer },
    fields: Record<string, string> = {},
  ): Promise<T> => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    body.append('file', new Blob([file.buffer], { type: file.mimeType }), file.name);
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body,
    });
    if (!r.ok) throw new Error(`upload ${file.name} to ${path}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
  return {
    upload,
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
  };
}

export interface OutletRow {
  id: string;
  code: string;
  name: string;
}

/** The id of a demo outlet, by its name, as the admin lists it. */
export async function demoOutletId(baseUrl: string, name: string): Promise<string> {
  const admin = await apiSession(baseUrl, 'admin');
  const { items } = await admin.get<{ items: OutletRow[] }>('/outlets?pageSize=100');
  const outlet = items.find((o) => o.name === name);
  if (!outlet) throw new Error(`no demo outlet named ${name}`);
  return outlet.id;
}

/**
 * Switches the app to a language from the header's menu and waits until it took (the page's
 * `lang`); a click on the menu while it is still opening can miss, so it is tried again.
 */
export async function switchLanguage(page: Page, locale: 'zh-CN' | 'en-US'): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId(`lang-${locale}`).click();
    const took = await page
      .waitForFunction(`document.documentElement.lang === '${locale}'`, undefined, { timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (took) return;
  }
  throw new Error(`the language did not switch to ${locale}`);
}
