// Hostile inputs for the redaction detectors: for each kind, a megabyte built from its own prefix or label, repeated so
// that a backtracking pattern would retry from each position, with the kinds redact must report. Shared by the
// linear-time test (test/core/redaction/linear.test.ts) and the timing bench (bench/redact.ts).
import type { BuiltInKind } from '../../src/shared/secret-patterns.js';

const MB = 1 << 20;
/** `unit` repeated to one megabyte. */
export const mb = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));

/** For each kind: hostile inputs and the kinds redact must report for each (the type makes a new kind add its own). */
export const HOSTILE: Record<BuiltInKind, [string, string[]][]> = {
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
    [mb('xoxo-1-2-'), []],
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

/** Every prefix and label at once, repeated to a megabyte. */
export function everyLabel(): string {
  const labels = Object.values(HOSTILE).flatMap((inputs) => inputs.map(([input]) => input.slice(0, 24)));
  return mb(`${labels.join(' ')}\n`);
}
