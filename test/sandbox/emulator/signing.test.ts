// The emulator signs like Slack: checked against Slack's published known-answer vector.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../../src/sandbox/emulator/signing.js';
import { verifySlackSignature } from '../../support/signing.js';
import { CORPORA, HAS_CORPORA } from './helpers.js';

interface Vector {
  signing_secret: string;
  x_slack_request_timestamp: string;
  raw_body: string;
  x_slack_signature: string;
}

describe('signSlackRequest', () => {
  it.skipIf(!HAS_CORPORA)('matches Slack’s known-answer vector (skipped: ../shared/corpora absent)', () => {
    const v = JSON.parse(readFileSync(path.join(CORPORA, 'slack/signing-test-vector.json'), 'utf8')) as Vector;
    const ts = Number(v.x_slack_request_timestamp);
    expect(signSlackRequest(v.signing_secret, ts, v.raw_body)).toBe(v.x_slack_signature);
    // One changed byte of the body must change the signature.
    expect(signSlackRequest(v.signing_secret, ts, `${v.raw_body} `)).not.toBe(v.x_slack_signature);
  });

  it('produces signatures the independent verifier accepts, and only for the same secret and body', () => {
    const sig = signSlackRequest('s3cret', 1_700_000_000, 'a=1');
    const headers = { 'x-slack-request-timestamp': '1700000000', 'x-slack-signature': sig };
    expect(sig).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(verifySlackSignature('s3cret', headers, 'a=1', 1_700_000_010)).toBe(true);
    expect(verifySlackSignature('other', headers, 'a=1', 1_700_000_010)).toBe(false);
    expect(verifySlackSignature('s3cret', headers, 'a=2', 1_700_000_010)).toBe(false);
    expect(verifySlackSignature('s3cret', headers, 'a=1', 1_700_000_000 + 301)).toBe(false);
  });
});
