// The paste page in a real browser (Chromium driven by playwright-core) against the HTTP server on loopback, plus
// the page routes' headers over HTTP. The browser tests are skipped with a message when Chromium is not
// installed, and required under CI. They also write docs/paste-page.png, the screenshot the README shows.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { diagnose } from '../../src/doctor.js';
import { createServer } from '../../src/server/app.js';
import { PAGE_CSP, pageRoutes } from '../../src/server/page-routes.js';
import { EVIDENCE_KINDS } from '../../src/schemas/vocabulary.js';
import { fixture, REPO_ROOT } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Bounds for a loaded 2-core CI machine, not expectations of speed.
const WAIT = { timeout: 10_000 };
const TEST_TIMEOUT = 40_000;
const PASTE_LABEL = 'Paste the error your client printed';

const problem = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed`;
if (problem && process.env.CI) throw new Error(`the paste page browser tests must run in CI, but: ${problem}`);
if (problem) console.warn(`skipping the paste page browser tests: ${problem}`);
const describeBrowser = problem ? describe.skip : describe;

// The page is static HTML; its list of evidence kinds is checked against the vocabulary so neither drifts.
it('offers exactly the evidence kinds the API accepts', () => {
  const html = readFileSync(`${REPO_ROOT}web/index.html`, 'utf8');
  const select = /<select id="evidence-kind"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  expect([...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['', ...EVIDENCE_KINDS]);
});

describeBrowser('the paste page in Chromium', () => {
  let server: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let baseURL: string;

  beforeAll(async () => {
    // No load shedding: the browser driver and the test's own diagnoses share the server's event loop.
    server = await createServer({ logger: false, overload: false });
    await server.listen({ host: '127.0.0.1', port: 0 });
    baseURL = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 15_000 });
    context = await browser.newContext({ viewport: { width: 1100, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** A fresh page on the paste page; anything the page logs as an error (a CSP violation, say) is collected. */
  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(baseURL);
    return { page, problems };
  }

  async function renderedCauseIds(page: Page): Promise<Array<string | null>> {
    return Promise.all((await page.locator('li.cause').all()).map((cause) => cause.getAttribute('data-cause-id')));
  }

  it('diagnoses the seed text: family, ranked causes with confidence, and a next check that copies its command', async () => {
    const { page, problems } = await openPage();
    const text = fixture('seed/sqlclient.txt');
    const connectionString = 'Data Source=tcp:db01\\SQLEXPRESS,1234;Integrated Security=SSPI';
    const expected = await diagnose({ text, connectionString });

    await page.getByLabel(PASTE_LABEL).fill(text);
    await page.getByLabel('Connection string').fill(connectionString);
    const request = page.waitForRequest('**/v1/diagnose', WAIT);
    await page.getByRole('button', { name: 'Diagnose' }).click();
    expect((await request).postDataJSON()).toEqual({ text, connectionString });
    expect((await request).headers()['accept']).toBe('application/json');

    await page.locator('#results-heading').waitFor(WAIT);
    expect(await page.locator('.family-name').textContent()).toBe('refused');
    const ids = await renderedCauseIds(page);
    expect(ids).toEqual(expected.causes.map((cause) => cause.id));
    expect(ids).toEqual(expect.arrayContaining(['port_mismatch', 'service_not_running']));

    const meters = page.locator('li.cause meter');
    expect(await meters.count()).toBe(expected.causes.length);
    expect(await page.locator('li.cause .percent').allTextContents()).toEqual(expected.causes.map((cause) => `${Math.round(cause.confidence * 100)}%`));
    expect(Number(await meters.first().getAttribute('value'))).toBeCloseTo(expected.causes[0]!.confidence);

    await page.screenshot({ path: `${REPO_ROOT}docs/paste-page.png`, fullPage: true });

    const firstCheck = page.locator('li.check').first();
    const copy = firstCheck.getByRole('button', { name: /^Copy/ }).first();
    await copy.click();
    // The clipboard write is asynchronous: wait for the button to say so instead of reading it at once.
    await firstCheck.locator('button.copy', { hasText: 'Copied' }).first().waitFor(WAIT);
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(expected.nextChecks[0]!.commands[0]!.run);

    expect(problems).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);

  it('fits a 390 px phone: no part of the form or the answer is wider than the screen', async () => {
    // 390 CSS px is an iPhone 12–15's width; a page wider than its viewport scrolls sideways, which hides the end of
    // every line of a cause's fix.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    try {
      const page = await phone.newPage();
      page.setDefaultTimeout(WAIT.timeout);
      await page.goto(baseURL);
      // A mobile browser widens its layout viewport to fit content that overflows (the page then renders at 540 px
      // and zooms out), so the width is measured against the phone's 390 px, not against innerWidth.
      const widths = () => page.evaluate<{ layout: number; content: number }>('({ layout: window.innerWidth, content: document.documentElement.scrollWidth })');
      expect(await widths()).toEqual({ layout: 390, content: 390 });
      // The widest answer the seed gives: long commands, a connection string, ERRORLOG paths.
      await page.getByLabel(PASTE_LABEL).fill(fixture('seed/sqlclient.txt'));
      await page.getByLabel('Connection string').fill('Data Source=tcp:db01.corp.example.com\\SQLEXPRESS,1234;Initial Catalog=ApplicationDatabase;Integrated Security=SSPI');
      await page.getByRole('button', { name: 'Diagnose' }).click();
      await page.locator('#results-heading').waitFor(WAIT);
      expect(await page.locator('li.cause').count()).toBeGreaterThan(2);
      expect(await widths()).toEqual({ layout: 390, content: 390 });
    } finally {
      await phone.close();
    }
  }, TEST_TIMEOUT);

  it('shows hostile markup as text, runs none of it, and never shows the password', async () => {
    const { page, problems } = await openPage();
    const secret = 'Hunter2Secret!';
    const markup = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2">';
    await page.getByLabel(PASTE_LABEL).fill(`Login failed for user 'sa'. Server=db01;User ID=sa;Password=${secret}; ${markup}`);
    await page.getByLabel('Connection string').fill(`Server=db01;User ID=sa;Password=${secret}`);
    await page.getByLabel('Evidence').fill(`${markup} Password=${secret}`);
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await page.locator('#results-heading').waitFor(WAIT);

    expect(await page.locator('.family-name').textContent()).toBe('login_failed');
    const shown = (await page.locator('#results').textContent()) ?? '';
    expect(shown).toContain(markup); // quoted in the evidence, as text
    expect(shown).not.toContain(secret);
    expect(await page.locator('#alert').textContent()).not.toContain(secret);
    expect(await page.locator('#results script, #results img').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);

  it('sends evidence with the kind chosen for it, and shows what it adds', async () => {
    const { page, problems } = await openPage();
    const text = fixture('seed/sqlclient.txt');
    const netstat = fixture('seed/artefacts/netstat.txt');
    const expected = await diagnose({ text, evidence: [{ kind: 'netstat', text: netstat }] });
    await page.getByLabel(PASTE_LABEL).fill(text);
    await page.getByLabel('Evidence').fill(netstat);
    await page.getByLabel('It is').selectOption('netstat');
    const request = page.waitForRequest('**/v1/diagnose', WAIT);
    await page.getByRole('button', { name: 'Diagnose' }).click();
    expect((await request).postDataJSON()).toEqual({ text, evidence: [{ kind: 'netstat', text: netstat }] });
    await page.locator('#results-heading').waitFor(WAIT);
    expect(await renderedCauseIds(page)).toEqual(expected.causes.map((cause) => cause.id));
    expect(problems).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);

  it('works from the keyboard: Ctrl+Enter in the textarea diagnoses and moves focus to the results heading', async () => {
    const { page } = await openPage();
    await page.getByLabel(PASTE_LABEL).focus();
    await page.keyboard.type('(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)');
    await page.keyboard.press('Control+Enter');
    await page.locator('#results-heading').waitFor(WAIT);
    await page.waitForFunction('document.activeElement?.id === "results-heading"', undefined, WAIT);
    expect(await page.locator('.family-name').textContent()).toBe('refused');
    expect(await page.locator('#results').getAttribute('aria-live')).toBe('polite');
    await page.close();
  }, TEST_TIMEOUT);

  it.each([
    ['a JSON error', 400, 'application/json', JSON.stringify({ error: 'Bad Request', message: 'body/text must be string' }), 'body/text must be string'],
    ['a proxy error page', 502, 'text/html', '<h1>Bad Gateway</h1>', 'The server answered 502'],
  ])('shows %s from the API in the alert region', async (_what, status, contentType, body, message) => {
    const { page } = await openPage();
    await page.route('**/v1/diagnose', (route) => route.fulfill({ status, contentType, body }));
    await page.getByLabel(PASTE_LABEL).fill('Login failed for user sa.');
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await page.getByRole('alert').getByText(message).waitFor(WAIT);
    expect(await page.locator('#results-heading').count()).toBe(0);
    await page.close();
  }, TEST_TIMEOUT);

  it('shows why the server refused an over-long paste', async () => {
    const { page } = await openPage();
    const text = `Login failed for user 'sa'.\n${'x'.repeat(300 * 1024)}`;
    const refused = await fetch(`${baseURL}v1/diagnose`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ text }) });
    expect(refused.status).toBe(413);
    const { message } = (await refused.json()) as { message: string };
    await page.getByLabel(PASTE_LABEL).fill(text);
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await page.getByRole('alert').getByText(message, { exact: true }).waitFor(WAIT);
    await page.close();
  }, TEST_TIMEOUT);

  it('asks for a paste before sending anything', async () => {
    const { page } = await openPage();
    let requests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/diagnose')) requests++;
    });
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await page.getByRole('alert').getByText('Paste the error text first.').waitFor(WAIT);
    await page.waitForFunction('document.activeElement?.id === "text"', undefined, WAIT);
    expect(requests).toBe(0);
    await page.close();
  }, TEST_TIMEOUT);
});

// Through a real socket: light-my-request (inject) cannot load its ESM-only `cookie` dependency under Jest's VM modules.
describe('pageRoutes mounted under a prefix', () => {
  let app: FastifyInstance;
  let origin: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers, redirect: 'manual' });

  beforeAll(async () => {
    app = Fastify();
    await app.register(pageRoutes, { prefix: '/doctor' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  it('serves the page with a strict Content-Security-Policy', async () => {
    const response = await get('/doctor/');
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    const html = await response.text();
    expect(html).toContain('<label for="text">Paste the error your client printed</label>');
    expect(html).toContain('src="assets/page.js"');
  });

  it.each([
    ['/doctor/assets/page.js', 'text/javascript; charset=utf-8'],
    ['/doctor/assets/page.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s', async (path, contentType) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({ 'content-type': contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  });

  it('answers a revalidation with 304 when the file has not changed', async () => {
    const first = await get('/doctor/assets/page.js');
    const again = await get('/doctor/assets/page.js', { 'if-none-match': first.headers.get('etag') ?? '' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('redirects the bare prefix to its trailing-slash form, so the relative URLs resolve inside it', async () => {
    const response = await get('/doctor?x=1');
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/doctor/?x=1');
  });
});
