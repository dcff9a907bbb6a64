// What every end-to-end test file shares: the browser, guest sign-in, the
// backend API with a guest token, and a screenshot of the page when a step fails.
const path = require('node:path');
const { chromium } = require('playwright-core');

const APP = process.env.E2E_APP_URL;
const BACKEND = process.env.E2E_BACKEND_URL;
const ARTIFACTS = process.env.E2E_ARTIFACTS;

const LAUNCH_ATTEMPTS = 3;

/**
 * A browser and a page. A launch that dies before the browser answers (a
 * crash of Chromium itself, not of the app) is tried again: it says nothing
 * about the app under test.
 */
async function launch() {
  const { executablePath, args } = JSON.parse(process.env.E2E_CHROMIUM);
  let browser;
  for (let attempt = 1; !browser; attempt++) {
    try {
      browser = await chromium.launch({ executablePath, args, headless: true });
    } catch (error) {
      if (attempt >= LAUNCH_ATTEMPTS) throw error;
      console.warn(`Chromium did not start (attempt ${attempt}): ${String(error).split('\n')[0]}`);
    }
  }
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', error => console.error(`page error: ${error.message}`));
  return { browser, page };
}

/**
 * Opens an app URL and waits for `ready` (a locator). A browser without a
 * session lands on the sign-in page first: the guest provider lets it in.
 * The dev server can be slow to answer while it compiles, so the first wait
 * is long.
 */
async function open(page, url, ready, { timeout = 60_000 } = {}) {
  await page.goto(url.startsWith('http') ? url : `${APP}${url}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  await Promise.race([enter.waitFor({ timeout }), ready.first().waitFor({ timeout })]);
  if (await enter.isVisible()) await enter.click();
  await ready.first().waitFor({ timeout });
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A test whose page is saved as `failed-<name>.png` when it fails. */
function step(name, getPage, fn) {
  test(name, async () => {
    try {
      await fn();
    } catch (error) {
      const page = getPage();
      const file = `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      if (page) await shot(page, file).catch(() => undefined);
      throw error;
    }
  });
}

let token;
/** The nodepools API as the guest user sees it. */
async function api(route, init = {}) {
  if (!token) {
    const refresh = await fetch(`${BACKEND}/api/auth/guest/refresh`);
    token = (await refresh.json()).backstageIdentity.token;
  }
  return fetch(`${BACKEND}/api/nodepools${route}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
}

module.exports = { APP, BACKEND, ARTIFACTS, launch, open, shot, step, api };
