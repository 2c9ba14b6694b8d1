// The outbox's pure parts: the words of each change (a drill's marked), and what each Web API failure means.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@slack/web-api';
import { backoffMs, classify } from '../../src/slack/outbox/errors.js';
import { changeMessage } from '../../src/slack/outbox/render.js';

const base = { ref: 'INC-4', drill: false, by: 'U0LEAD', offerReview: false } as const;

describe('changeMessage', () => {
  it('words status, severity and role changes as the incident channel has always read them', () => {
    expect(changeMessage({ ...base, change: { kind: 'status', from: 'triage', to: 'investigating', note: 'IP found' } }).text).toBe(
      '*INC-4* status: triage → *investigating* (by <@U0LEAD>): IP found',
    );
    expect(changeMessage({ ...base, change: { kind: 'status', from: 'triage', to: 'merged', mergedInto: 'INC-1', note: 'dup' } }).text).toBe(
      '*INC-4* status: triage → *merged* (by <@U0LEAD>): INC-1 dup',
    );
    expect(changeMessage({ ...base, change: { kind: 'severity', from: 'sev3', to: 'sev1' } }).text).toBe('*INC-4* severity: sev3 → *sev1* (by <@U0LEAD>)');
    expect(changeMessage({ ...base, change: { kind: 'role', role: 'comms', from: null, to: 'U0CAROL' } }).text).toBe('<@U0CAROL> is now *comms* of *INC-4* (by <@U0LEAD>)');
  });

  it('starts a drill’s message with the DRILL marker and offers the review button when asked', () => {
    const m = changeMessage({ ...base, drill: true, offerReview: true, change: { kind: 'status', from: 'resolved', to: 'closed' } });
    expect(m.text.startsWith(':construction: *DRILL* · ')).toBe(true);
    expect(JSON.stringify(m.blocks)).toContain('INC-4');
    expect(changeMessage({ ...base, change: { kind: 'severity', from: 'sev3', to: 'sev1' } }).blocks).toBeUndefined();
  });
});

describe('classify', () => {
  it('waits what a 429 says, retries 5xx and network trouble, gives up on Slack errors that retrying cannot fix', () => {
    expect(classify({ code: ErrorCode.RateLimitedError, retryAfter: 7 })).toEqual({ kind: 'rate_limited', retryAfterMs: 7_000 });
    expect(classify({ code: ErrorCode.HTTPError, statusCode: 503 })).toEqual({ kind: 'transient' });
    expect(classify({ code: ErrorCode.HTTPError, statusCode: 404 })).toEqual({ kind: 'permanent' });
    expect(classify({ code: ErrorCode.RequestError })).toEqual({ kind: 'transient' });
    expect(classify({ code: ErrorCode.PlatformError, data: { error: 'channel_not_found' } })).toEqual({ kind: 'permanent' });
    expect(classify({ code: ErrorCode.PlatformError, data: { error: 'internal_error' } })).toEqual({ kind: 'transient' });
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 1_000, 5_000))).toEqual([1_000, 2_000, 4_000, 5_000]);
  });
});
