// One bounded HTTP POST for a delivery attempt: fetch with a timeout, no redirects followed (a moved receiver is
// re-registered, not followed to wherever it points), and the answer read as far as the delivery log needs.

/** What a sender asks the worker to POST. */
export interface OutgoingRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** The receiver's answer: status, Retry-After (ms, when given) and the start of its body. */
export interface OutgoingAnswer {
  status: number;
  retryAfterMs?: number;
  body: string;
}

/** fetch, or a stand-in with its signature (tests). */
export type Fetch = typeof fetch;

/** POSTs the request; rejects on a network error or when no answer came within timeoutMs. */
export async function post(request: OutgoingRequest, opts: { timeoutMs: number; now: () => number; fetch?: Fetch }): Promise<OutgoingAnswer> {
  const res = await (opts.fetch ?? fetch)(request.url, {
    method: 'POST',
    body: request.body,
    headers: { 'content-type': 'application/json', 'user-agent': 'Rampart-Outgoing/1', ...request.headers },
    redirect: 'manual',
    signal: AbortSignal.timeout(opts.timeoutMs),
  });
  // Only the start, read as a stream and the rest dropped: enough for an error message, and a receiver cannot make the
  // worker read (or hold in memory) an endless answer.
  const body = await startOf(res, 500);
  const retryAfterMs = retryAfter(res.headers.get('retry-after'), opts.now());
  return { status: res.status, body, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The first `max` characters of an answer's body, reading no more of it than that needs; the rest is cancelled. */
async function startOf(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, max);
}
