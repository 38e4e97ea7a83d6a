import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The requests each context has sent and not yet seen answered (or failed). */
const pendingRequests = new WeakMap<BrowserContext, Set<Request>>();

/**
 * Debian's Chromium driven by playwright-core (no browser download). The flags keep it from
 * reaching for the network, which this machine does not have, and let it run as root.
 *
 * Every context it opens counts its requests in flight from its first one on, so that a test can
 * wait for a page's data (`requestsInFlight`): a count begun only when the test asks would miss
 * the request a page sent before.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  // Loaded here, not at the top: every integration test imports this library, and playwright-core
  // took a few hundred milliseconds of each file's start without being used there.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    const pending = new Set<Request>();
    context.on('request', (request) => pending.add(request));
    context.on('requestfinished', (request) => pending.delete(request));
    context.on('requestfailed', (request) => pending.delete(request));
    context.on('close', () => pending.clear());
    pendingRequests.set(context, pending);
    return context;
  };
  return browser;
}

/**
 * How many requests of this page are still unanswered. A page closed with requests in flight
 * never sees them end, so they are counted for their own page only. A page of a context opened
 * elsewhere is refused rather than reported idle.
 */
export function requestsInFlight(page: Page): number {
  const pending = pendingRequests.get(page.context());
  if (!pending) throw new Error('requestsInFlight: open the page in a context of launchBrowser()');
  let count = 0;
  for (const request of pending) {
    if (pageOf(request) === page) count += 1;
  }
  return count;
}

function pageOf(request: Request): Page | null {
  try {
    return request.frame().page();
  } catch {
    return null; // a service worker's request belongs to no page
  }
}
