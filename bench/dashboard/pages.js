/**
 * The dashboard's pages as the benchmark opens them, and how one page load is timed in Chromium.
 *
 * A page is ready when (in the page) every one of its selectors matches a rendered element and no
 * "Loading …" line is left in `<main>`, and (from the driver) no `/v1/` request is in flight and none has
 * started or finished for `QUIET_MS`. Its time is measured on the page's own clock, from navigation start
 * (`performance.timeOrigin`) to the later of: the moment the DOM last became ready (a MutationObserver
 * notes it) and the end of the last API response (Chromium's resource timing of each request). The quiet
 * period only confirms that nothing else follows; it is not counted.
 */

const QUIET_MS = 250;
const POLL_MS = 20;

const DAY = 86_400_000;
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * The pages, with a realistic view: the last 30 whole days of the history (the dataset lies in the past,
 * so the range is explicit: `range=custom&from=…&to=…`, both days included).
 * `action` rows time a click on a loaded page instead of a navigation.
 */
export function pagesFor({ end, detailInteractionId }) {
  const range = `range=custom&from=${day(end - 30 * DAY)}&to=${day(end - DAY)}`;
  const pages = [
    {
      name: 'overview',
      path: `/?${range}`,
      selectors: ['#satisfaction-heading ~ figure svg', '#volume-heading ~ figure svg', '#capture-heading'],
    },
    {
      name: 'overview, tenant=acme',
      path: `/?${range}&tenant=acme`,
      selectors: ['#satisfaction-heading ~ figure svg', '#volume-heading ~ figure svg', '#capture-heading'],
    },
    { name: 'cohorts (tenant)', path: `/cohorts?${range}&dimension=tenant`, selectors: ['main table tbody tr'] },
    {
      name: 'compare (model)',
      path: `/compare?${range}&dimension=model&values=gpt-x,local-7b`,
      selectors: ['#side-heading ~ * table tbody tr', 'main figure svg'],
    },
    { name: 'themes', path: `/themes?${range}`, selectors: ['#themes-heading', '#trends-heading'] },
    { name: 'interactions', path: `/interactions?${range}`, selectors: ['.interaction-list li'] },
    {
      name: 'interactions, search "refund"',
      path: `/interactions?${range}&q=refund`,
      selectors: ['.interaction-list li'],
    },
    ...(detailInteractionId
      ? [
          {
            name: 'interaction detail',
            path: `/interactions/${encodeURIComponent(detailInteractionId)}?${range}`,
            selectors: ['#signals-heading'],
          },
        ]
      : []),
    { name: 'eval sets', path: `/eval-sets?${range}`, selectors: ['.candidate-list li'] },
    { name: 'exports', path: `/exports?${range}`, selectors: ['#build-heading'] },
    {
      name: 'exports: Build manifest (SFT)',
      path: `/exports?${range}`,
      selectors: ['#build-heading'],
      action: { button: 'Build manifest', selectors: ['#manifest-heading'] },
    },
    { name: 'release notes', path: '/release-notes', selectors: ['#drafts-heading', '#published-heading'] },
    { name: 'settings', path: '/settings', selectors: ['#keys-heading ~ * table tbody tr', '#project-heading'] },
  ];
  return pages;
}

/**
 * Runs in every document before the app: reads what "ready" means from sessionStorage (set by the
 * driver before navigating) and keeps `window.__bench.since`, the page time at which the DOM last became
 * ready (null while it is not). `window.__benchSet(spec)` redefines it in place (for clicks) and returns
 * the current page time.
 */
function readinessScript() {
  const state = { since: null, error: null, spec: null };
  window.__bench = state;
  try {
    state.spec = JSON.parse(sessionStorage.getItem('bench.ready') ?? 'null');
  } catch {
    state.spec = null;
  }
  const rendered = (selector) => {
    const element = document.querySelector(selector);
    return element !== null && element.getClientRects().length > 0;
  };
  const check = () => {
    const spec = state.spec;
    if (!spec) return;
    const main = document.querySelector('main');
    const loading =
      main === null ||
      [...main.querySelectorAll('p, [role="status"]')].some((p) => /^Loading\s/.test(p.textContent.trim()));
    const ready = !loading && spec.selectors.every(rendered);
    const alert = main?.querySelector('[role="alert"]');
    if (alert) state.error = alert.textContent;
    if (ready && state.since === null) state.since = performance.now();
    if (!ready) state.since = null;
  };
  window.__benchSet = (spec) => {
    state.spec = spec;
    state.since = null;
    state.error = null;
    check();
    return performance.now();
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
  });
}

const isApi = (url) => new URL(url).pathname.startsWith('/v1/');

/** A request's name in the report: its path and the parameters that tell same-path requests apart. */
export function requestLabel(url) {
  const u = new URL(url);
  const keep = ['granularity', 'dimension', 'q', 'weeks'];
  const params = keep.filter((k) => u.searchParams.has(k)).map((k) => `${k}=${u.searchParams.get(k)}`);
  // One interaction: the same route whatever the id.
  const path = u.pathname.replace(/^\/v1\/interactions\/[^/]+$/, '/v1/interactions/:id');
  return params.length ? `${path}?${params.join('&')}` : path;
}

/** A signed-in tab on one server. */
export async function openSession(browser, { url, secretKey }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  await context.addInitScript(readinessScript);
  const page = await context.newPage();
  await page.goto(`${url}/settings`);
  await page.getByLabel('Secret key').fill(secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ state: 'visible', timeout: 30_000 });
  return { url, context, page };
}

/**
 * Opens `entry.path` in the session's tab (a new document: TanStack Query's cache starts empty) and
 * times it; with `entry.action`, clicks its button once the page is ready and times the click instead.
 * @returns {Promise<{ ms: number, requests: Array<{ label: string, url: string, ms: number, status: number }>, error: string | null }>}
 */
export async function timePage(session, entry, { timeoutMs }) {
  const { page } = session;
  /** @type {Map<import('playwright-core').Request, { url: string, started: number, ended: number | null, status: number }>} */
  const inFlight = new Map();
  const finished = [];
  let lastActivity = performance.now();
  const onRequest = (request) => {
    if (!isApi(request.url())) return;
    inFlight.set(request, { url: request.url(), started: performance.now() });
    lastActivity = performance.now();
  };
  const onDone = async (request, failed) => {
    const record = inFlight.get(request);
    if (!record) return;
    inFlight.delete(request);
    const timing = request.timing();
    const response = failed ? null : await request.response().catch(() => null);
    finished.push({
      ...record,
      status: response?.status() ?? 0,
      startEpoch: timing.startTime,
      // Chromium's own figure: request start to the last byte of the response.
      ms: timing.responseEnd >= 0 ? timing.responseEnd : performance.now() - record.started,
    });
    lastActivity = performance.now();
  };
  const onFinished = (request) => onDone(request, false);
  const onFailed = (request) => onDone(request, true);
  page.on('request', onRequest);
  page.on('requestfinished', onFinished);
  page.on('requestfailed', onFailed);
  try {
    await page.evaluate(
      (selectors) => sessionStorage.setItem('bench.ready', JSON.stringify({ selectors })),
      entry.selectors,
    );
    await page.goto(`${session.url}${entry.path}`, { waitUntil: 'commit' });
    let state = await waitReady(
      page,
      () => inFlight.size,
      () => lastActivity,
      timeoutMs,
    );
    let startedAt = 0;
    if (entry.action && state.error === null && !state.timedOut) {
      // Only what the click starts counts.
      finished.length = 0;
      lastActivity = performance.now();
      // Noted and clicked in one step on the page's clock.
      startedAt = await page.evaluate(
        ({ button, selectors }) => {
          const target = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === button);
          const at = window.__benchSet({ selectors });
          target?.click();
          return at;
        },
        { button: entry.action.button, selectors: entry.action.selectors },
      );
      state = await waitReady(
        page,
        () => inFlight.size,
        () => lastActivity,
        timeoutMs,
      );
    }
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    const apiEnd = Math.max(0, ...finished.map((r) => r.startEpoch + r.ms - timeOrigin));
    // When the app first asked for data: what loading and starting the app itself took.
    const firstApiMs = Math.min(...finished.map((r) => r.startEpoch - timeOrigin)) - startedAt;
    const failedRequest = finished.find((r) => r.status === 0 || r.status >= 400);
    const shown = state.timedOut
      ? await page
          .evaluate(() => document.querySelector('main')?.textContent?.slice(0, 160) ?? '(no <main>)')
          .catch(() => '?')
      : '';
    return {
      ms: Math.max(state.since ?? Number.NaN, apiEnd) - startedAt,
      firstApiMs: Number.isFinite(firstApiMs) ? firstApiMs : Number.NaN,
      requests: finished.map((r) => ({ label: requestLabel(r.url), url: r.url, ms: r.ms, status: r.status })),
      error:
        state.error ??
        (state.timedOut
          ? `not ready within ${timeoutMs / 1000} s (DOM ready: ${state.since !== null}; in flight: ${
              [...inFlight.values()].map((r) => requestLabel(r.url)).join(', ') || 'none'
            }; last request event ${Math.round(performance.now() - lastActivity)} ms before; page: ${JSON.stringify(shown)})`
          : null) ??
        (failedRequest ? `${failedRequest.status} from ${requestLabel(failedRequest.url)}` : null),
    };
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onFinished);
    page.off('requestfailed', onFailed);
  }
}

/** Polls until the DOM is ready, no API request is in flight and none started or ended for QUIET_MS. */
async function waitReady(page, inFlightCount, lastActivity, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    let state = null;
    try {
      state = await page.evaluate(() => ({
        since: window.__bench?.since ?? null,
        error: window.__bench?.error ?? null,
      }));
    } catch {
      // The document is being replaced (navigation in progress): ask again.
    }
    if (state?.error) return { ...state, timedOut: false };
    if (state && state.since !== null && inFlightCount() === 0 && performance.now() - lastActivity() >= QUIET_MS) {
      return { ...state, timedOut: false };
    }
    if (performance.now() > deadline) return { since: null, error: null, ...state, timedOut: true };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
