// The Web API's side of the metrics: every Slack client the bot builds (src/slack/clients.ts and Bolt's) is given
// this fetch, so each HTTP request to Slack is counted by method and outcome, 429s apart, whichever client made it.
// Counting at fetch, not around WebClient.apiCall, is what reaches Bolt's own clients (built inside Bolt from the
// options passed to it), and each retry is a request Slack sees and rate-limits, so it is counted as one.
import type { FetchFunction } from '@slack/web-api';
import type { RampartMetrics } from './definitions.js';
import { monotonicMs } from '../../slack/request-observer.js';

// Labels are fixed shapes, never arbitrary text: a method is dotted words (chat.postMessage); an upload URL's token
// or anything else becomes `other`. Error codes are Slack's snake_case words.
const METHOD = /^[a-z]+(\.[a-zA-Z]+)+$/;
const ERROR_CODE = /^[a-z0-9_]{1,64}$/;

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

/** The Web API method a request URL calls (its last path segment), or `other`. */
export function methodOf(url: string | URL): string {
  const path = (typeof url === 'string' ? new URL(url, 'http://x') : url).pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return METHOD.test(last) ? last : 'other';
}

/** The outcome a Web API answer's body gives: ok, Slack's error code, or `unreadable`. */
export function outcomeOf(body: string): string {
  try {
    const data = JSON.parse(body) as { ok?: unknown; error?: unknown };
    if (data.ok === true) return 'ok';
    return typeof data.error === 'string' && ERROR_CODE.test(data.error) ? data.error : 'other_error';
  } catch {
    return 'unreadable';
  }
}

/** A fetch for WebClient's `fetch` option that counts each request; `base` makes them (the global fetch). */
export function countingFetch(m: RampartMetrics, base: typeof fetch = fetch): FetchFunction {
  return async (url, init) => {
    const method = methodOf(url);
    const start = monotonicMs();
    let res: Response;
    try {
      res = await base(url, init);
    } catch (err) {
      const name = (err as { name?: unknown }).name;
      m.apiCalls.inc({ method, outcome: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network_error' });
      throw err;
    }
    m.apiSeconds.observe({ method }, (monotonicMs() - start) / 1000);
    if (res.status === 429) m.apiRateLimited.inc({ method });
    if (res.status !== 200) {
      m.apiCalls.inc({ method, outcome: res.status === 429 ? 'rate_limited' : `http_${res.status}` });
      return res;
    }
    return bodyCounted(res, (outcome) => m.apiCalls.inc({ method, outcome }));
  };
}

/**
 * The response with its body counted as it is read: WebClient reads a 200's body once, as text, and the outcome (ok
 * or the error code) is in it; reading it here as well would mean a second copy of every answer.
 */
function bodyCounted(res: Response, count: (outcome: string) => void): FetchResponse {
  const text = async () => {
    const body = await res.text();
    count(outcomeOf(body));
    return body;
  };
  return {
    ok: res.ok,
    status: res.status,
    statusText: res.statusText,
    url: res.url,
    headers: res.headers,
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: async () => {
      const buffer = await res.arrayBuffer();
      // Only a binary answer (admin.analytics.getFile's gzip) is read this way, and Slack sends one only on success.
      count('ok');
      return buffer;
    },
  };
}
