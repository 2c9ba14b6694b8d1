// Every detector stays linear on long hostile input: a megabyte built from its own prefix or label, repeated so that
// a backtracking pattern would retry from each position, must be redacted (and the test must finish) like any text.
// No timing is asserted here; a pattern that went quadratic would not finish a megabyte at all.
import { describe, expect, it } from 'vitest';
import type { BuiltInKind } from '../../../src/core/redaction/patterns.js';
import { redact } from '../../../src/core/redaction/redact.js';

const MB = 1 << 20;
/** `unit` repeated to one megabyte. */
const mb = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));

/** For each kind: hostile inputs and the kinds redact must report for each (the type makes a new kind add its own). */
const HOSTILE: Record<BuiltInKind, [string, string[]][]> = {
  'private-key': [
    [mb('-----BEGIN A '), []],
    [mb('-----BEGIN RSA '), []],
    [`-----BEGIN PGP PRIVATE KEY BLOCK-----\n${mb('a')}`, ['private-key']],
  ],
  'slack-webhook': [
    [mb('hooks.slack.com/services/'), []],
    [`https://hooks.slack.com/services/${mb('T0/')}`, ['slack-webhook']],
  ],
  'slack-token': [
    [mb('xoxb-'), []],
    [mb('xoxe.'), []],
    [`xoxb-1${mb('a')}`, ['slack-token']],
  ],
  'aws-access-key': [[mb('AKIA'), []]],
  'aws-secret-key': [
    [`aws_secret_access_key${mb(' ')}`, []],
    [mb('aws secret key '), []],
    [mb('secret_access_key='), ['secret-setting']],
  ],
  'github-token': [[mb('ghp_'), []]],
  'gitlab-token': [
    [mb('glpat-'), ['gitlab-token']],
    [mb('GR1348941.'), []],
  ],
  'google-api-key': [[mb('AIza'), []]],
  'stripe-key': [[mb('sk_live_'), []]],
  'anthropic-key': [[mb('sk-ant-'), []]],
  'openai-key': [
    [mb('sk-'), []],
    [mb('sk-proj-'), []],
  ],
  'npm-token': [[mb('npm_'), []]],
  'sendgrid-key': [
    [mb('SG.'), []],
    [mb('SG.abcdefghijklmnop'), ['sendgrid-key']],
  ],
  'azure-storage-key': [
    [mb('AccountKey='), []],
    [`AccountKey=${mb('A')}`, ['azure-storage-key']],
  ],
  'azure-sas': [
    [mb('sig='), []],
    [mb('&sig=%'), []],
  ],
  jwt: [
    [mb('eyJ'), []],
    [mb('eyJabcdefgh.'), ['jwt']],
  ],
  'url-password': [
    [mb('a://'), []],
    [`a://b:${mb('@')}`, []],
    [mb('a://b:c'), []],
    [mb('x://u:p@'), ['url-password']],
  ],
  'bearer-token': [
    [`Bearer ${mb('a')}`, []],
    [mb('Bearer '), []],
  ],
  password: [
    [`password:${mb(' ')}`, []],
    [mb('password\n'), []],
    [mb('pwd='), ['password']],
  ],
  'secret-setting': [
    [mb('A_'), []],
    [mb('API_KEY'), []],
    [mb('KEY_KEY_'), []],
    [mb('A_KEY='), ['secret-setting']],
  ],
  'card-number': [
    [mb('4'), []],
    [mb('4111-'), []],
    [mb('4111 1111 '), []],
  ],
};

describe('redact: linear on a megabyte of hostile text', () => {
  const cases = Object.entries(HOSTILE).flatMap(([kind, inputs]) =>
    inputs.map(([input, found], i) => [`${kind} #${i + 1}`, input, found] as const),
  );

  it.each(cases)('%s', (_name, input, found) => {
    const out = redact(input);
    expect(out.found).toEqual(found);
    if (found.length === 0) expect(out.text).toBe(input);
    else expect(redact(out.text)).toEqual({ text: out.text, found: [] });
  });

  it('every prefix and label at once', () => {
    const labels = Object.values(HOSTILE).flatMap((inputs) => inputs.map(([input]) => input.slice(0, 24)));
    const input = mb(`${labels.join(' ')}\n`);
    const out = redact(input);
    expect(out.text.length).toBeGreaterThan(0);
    expect(redact(out.text)).toEqual({ text: out.text, found: [] });
  });
});
