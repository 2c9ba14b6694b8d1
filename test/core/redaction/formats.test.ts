// Common secret formats as people paste them into Slack, each a realistic (fake) sample: every one must be redacted,
// and the words around it kept. Samples follow the formats in the sources cited in src/shared/secret-patterns.ts.
import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/shared/redact.js';

/** A deterministic fake of `length` characters from `alphabet` (varied, so it looks like a real key). */
function fake(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', seed = length): string {
  let x = seed * 2654435761 + 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[x % alphabet.length];
  }
  return out;
}
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const KEY_LINES = `${fake(64, B64, 1)}\n${fake(64, B64, 2)}\n${fake(20, B64, 3)}==`;

/** [format, the kinds reported, the text posted, the parts that must be gone (none listed: all of it)]. */
const FORMATS: [string, string, string, string[]][] = [
  ['Slack bot token', 'slack-token', `xoxb-${fake(12, DIGITS)}-${fake(13, DIGITS)}-${fake(24)}`, []],
  ['Slack user token', 'slack-token', `xoxp-${fake(12, DIGITS)}-${fake(12, DIGITS)}-${fake(13, DIGITS)}-${fake(32, HEX)}`, []],
  ['Slack app-level token', 'slack-token', `xapp-1-A${fake(10, DIGITS)}-${fake(13, DIGITS)}-${fake(64, HEX)}`, []],
  ['Slack refresh token (xoxe-)', 'slack-token', `xoxe-1-${fake(146)}`, []],
  ['Slack configuration token (xoxe.xoxp-)', 'slack-token', `xoxe.xoxp-1-${fake(163)}`, []],
  ['Slack browser cookie (xoxd-)', 'slack-token', `xoxd-${fake(40)}%2F${fake(30)}%2B${fake(60)}%3D%3D`, []],
  ['Slack legacy token (xoxo-)', 'slack-token', `xoxo-${fake(6, DIGITS)}-${fake(6, DIGITS, 31)}-${fake(6, DIGITS, 32)}-${fake(18, HEX)}`, []],
  ['Slack browser token (xoxc-)', 'slack-token', `xoxc-${fake(12, DIGITS)}-${fake(12, DIGITS)}-${fake(13, DIGITS)}-${fake(64, HEX)}`, []],
  ['Slack incoming webhook', 'slack-webhook', `https://hooks.slack.com/services/T${fake(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}/B${fake(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}/${fake(24)}`, []],
  ['Slack workflow webhook', 'slack-webhook', `https://hooks.slack.com/workflows/T${fake(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}/A${fake(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}/${fake(18, DIGITS)}/${fake(24)}`, []],
  ['Slack workflow trigger', 'slack-webhook', `https://hooks.slack.com/triggers/T${fake(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}/${fake(13, DIGITS)}/${fake(32, HEX)}`, []],
  ['AWS access key id', 'aws-access-key', `AKIA${fake(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, []],
  ['AWS secret key (aws_secret_access_key =)', 'aws-secret-key', `aws_secret_access_key = ${fake(40, B64, 7)}`, [fake(40, B64, 7)]],
  ['AWS secret key (JSON SecretAccessKey)', 'aws-access-key,aws-secret-key', `{"AccessKeyId": "ASIA${fake(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}", "SecretAccessKey": "${fake(40, B64, 8)}"}`, [fake(40, B64, 8)]],
  ['AWS secret key (aws secret key:)', 'aws-secret-key', `aws secret key: ${fake(40, B64, 9)}`, [fake(40, B64, 9)]],
  ['AWS secret key (AWS Secret Access Key)', 'aws-secret-key', `AWS Secret Access Key ${fake(40, B64, 10)}`, [fake(40, B64, 10)]],
  ['AWS secret key (aws-secret-access-key flag)', 'aws-secret-key', `--aws-secret-access-key=${fake(40, B64, 11)}`, [fake(40, B64, 11)]],
  ['RSA private key', 'private-key', `-----BEGIN RSA PRIVATE KEY-----\n${KEY_LINES}\n-----END RSA PRIVATE KEY-----`, []],
  ['OpenSSH private key', 'private-key', `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_LINES}\n-----END OPENSSH PRIVATE KEY-----`, []],
  ['PGP private key block', 'private-key', `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${KEY_LINES}\n=${fake(4, B64)}\n-----END PGP PRIVATE KEY BLOCK-----`, []],
  ['JSON Web Token', 'jwt', `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${fake(43, `${B64.slice(0, 62)}-_`)}`, []],
  ['GitHub personal access token (classic)', 'github-token', `ghp_${fake(36)}`, []],
  ['GitHub fine-grained token', 'github-token', `github_pat_11${fake(20)}_${fake(59)}`, []],
  ['Google API key', 'google-api-key', `AIza${fake(35, `${B64.slice(0, 62)}-_`)}`, []],
  ['Stripe live secret key', 'stripe-key', `sk_live_${fake(99)}`, []],
  ['Stripe live restricted key', 'stripe-key', `rk_live_${fake(99)}`, []],
  ['Stripe test secret key', 'stripe-key', `sk_test_${fake(24)}`, []],
  ['Azure storage connection string', 'azure-storage-key', `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${fake(86, B64, 12)}==;EndpointSuffix=core.windows.net`, [fake(86, B64, 12)]],
  ['Azure SAS URL', 'azure-sas', `https://contosodata.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&spr=https&sig=${fake(40, B64.slice(0, 62), 13)}%2B${fake(3, B64.slice(0, 62), 14)}%3D`, [fake(40, B64.slice(0, 62), 13)]],
  ['.env line (API key)', 'secret-setting', `INTERNAL_API_KEY=${fake(32, HEX, 15)}`, [fake(32, HEX, 15)]],
  ['.env line (export, quoted password)', 'password', `export DB_PASSWORD="${fake(18, B64, 16)}"`, [fake(18, B64, 16)]],
  ['.env line (secret)', 'secret-setting', `JWT_SECRET=${fake(48, B64, 17)}`, [fake(48, B64, 17)]],
  ['.env line (token)', 'secret-setting', `SENTRY_AUTH_TOKEN=${fake(64, HEX, 18)}`, [fake(64, HEX, 18)]],
  ['opaque Bearer token', 'bearer-token', `Authorization: Bearer ${fake(40, `${B64.slice(0, 62)}._-`, 19)}`, [fake(40, `${B64.slice(0, 62)}._-`, 19)]],
  ['postgres URL with password', 'url-password', `postgres://app_user:${fake(20, B64.slice(0, 62), 20)}@db.internal:5432/app`, [fake(20, B64.slice(0, 62), 20)]],
  ['mysql URL with password', 'url-password', `mysql://root:${fake(16, B64.slice(0, 62), 21)}@10.0.3.4:3306/shop`, [fake(16, B64.slice(0, 62), 21)]],
  ['mongodb+srv URL with password', 'url-password', `mongodb+srv://admin:${fake(24, B64.slice(0, 62), 22)}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true`, [fake(24, B64.slice(0, 62), 22)]],
  ['redis URL with password only', 'url-password', `redis://:${fake(32, HEX, 23)}@cache.internal:6379/0`, [fake(32, HEX, 23)]],
  ['amqps URL with password', 'url-password', `amqps://worker:${fake(20, B64.slice(0, 62), 24)}@mq.internal:5671/vhost`, [fake(20, B64.slice(0, 62), 24)]],
  ['https URL with basic credentials', 'url-password', `https://deploy:${fake(20, B64.slice(0, 62), 25)}@registry.example.com/v2/`, [fake(20, B64.slice(0, 62), 25)]],
  ['OpenAI project key', 'openai-key', `sk-proj-${fake(58, `${B64.slice(0, 62)}_-`)}T3BlbkFJ${fake(58, `${B64.slice(0, 62)}_-`, 26)}`, []],
  ['OpenAI legacy key', 'openai-key', `sk-${fake(20)}T3BlbkFJ${fake(20, undefined, 27)}`, []],
  ['Anthropic API key', 'anthropic-key', `sk-ant-api03-${fake(93, `${B64.slice(0, 62)}_-`)}AA`, []],
  ['GitLab personal access token', 'gitlab-token', `glpat-${fake(20, `${B64.slice(0, 62)}_-`)}`, []],
  ['GitLab deploy token', 'gitlab-token', `gldt-${fake(20, `${B64.slice(0, 62)}_-`)}`, []],
  ['GitLab runner token', 'gitlab-token', `glrt-${fake(20, `${B64.slice(0, 62)}_-`)}`, []],
  ['npm access token', 'npm-token', `npm_${fake(36)}`, []],
  ['SendGrid API key', 'sendgrid-key', `SG.${fake(22, `${B64.slice(0, 62)}_-`)}.${fake(43, `${B64.slice(0, 62)}_-`)}`, []],
  ['password of several words', 'password', 'password: correct horse battery staple', ['correct', 'horse', 'battery', 'staple']],
  ['quoted password', 'password', `"password": "${fake(14, B64, 28)} ${fake(6, B64, 29)}"`, [fake(14, B64, 28), fake(6, B64, 29)]],
  ['pwd= value', 'password', `pwd=${fake(12, B64, 30)}`, [fake(12, B64, 30)]],
  ['card number', 'card-number', '4111 1111 1111 1111', []],
];

describe('redact: common secret formats', () => {
  it('covers at least 37 formats', () => {
    expect(FORMATS.length).toBeGreaterThanOrEqual(37);
  });

  it.each(FORMATS)('%s', (_format, kinds, sample, parts) => {
    // A sample with no listed parts is a secret as a whole.
    const gone = parts.length > 0 ? parts : [sample];
    const out = redact(`seen: ${sample} today`);
    for (const part of gone) expect(out.text).not.toContain(part);
    expect(out.found).toEqual(kinds.split(','));
    expect(out.text.startsWith('seen: ')).toBe(true);
    // An unquoted password runs to the end of the line, so "today" goes with it.
    if (!/^(?:password|pwd)[:=] ?[^"']/.test(sample)) expect(out.text.endsWith(' today')).toBe(true);
    expect(redact(out.text)).toEqual({ text: out.text, found: [] });
  });
});
