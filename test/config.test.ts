import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireSlackCredentials } from '../src/config.js';

describe('config', () => {
  it('applies defaults and extends the incident types', () => {
    const c = loadConfig({ INCIDENT_TYPES: 'vendor-breach, Insider', RESPONDERS: 'U01,S0GROUP' });
    expect(c.port).toBe(3000);
    expect(c.database.dataDir).toBe('./data');
    expect(c.incidentTypes).toContain('phishing');
    expect(c.incidentTypes.slice(-2)).toEqual(['vendor-breach', 'insider']);
    expect(c.responders).toEqual(['U01', 'S0GROUP']);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lists every problem at once and never echoes a value', () => {
    let error: unknown;
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'secret-value-123', PORT: 'abc', INCIDENT_CHANNEL: 'general', TIMEZONE: 'Mars/Olympus', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'INCIDENT_CHANNEL', 'TIMEZONE', 'DATABASE_URL']) expect(problems).toContain(name);
    expect(problems).not.toContain('secret-value-123');
  });

  it('reads the severities that need a review before closing: sev1,sev2 by default, none for none, others refused', () => {
    expect(loadConfig({}).reviewRequired).toEqual(['sev1', 'sev2']);
    expect(loadConfig({ REVIEW_REQUIRED_SEVERITIES: 'SEV1, sev3' }).reviewRequired).toEqual(['sev1', 'sev3']);
    expect(loadConfig({ REVIEW_REQUIRED_SEVERITIES: 'none' }).reviewRequired).toEqual([]);
    expect(() => loadConfig({ REVIEW_REQUIRED_SEVERITIES: 'sev1,critical' })).toThrow(/REVIEW_REQUIRED_SEVERITIES: must be severities \(sev1, sev2, sev3, sev4\), comma-separated, or none/);
  });

  it('reads DIGEST_CRON: Mondays 08:00 by default, `off` turns the digest off, an invalid expression is refused', () => {
    expect(loadConfig({}).digest).toEqual({ cron: '0 8 * * 1' });
    expect(loadConfig({ DIGEST_CRON: '30 7 * * 5' }).digest.cron).toBe('30 7 * * 5');
    expect(loadConfig({ DIGEST_CRON: 'OFF' }).digest.cron).toBeUndefined();
    expect(() => loadConfig({ DIGEST_CRON: '0 8 * *' })).toThrow(/DIGEST_CRON: "0 8 \* \*" is not a five-field cron expression.*Use `off` to turn the digest off/);
    expect(() => loadConfig({ DIGEST_CRON: '0 25 * * 1' })).toThrow(/DIGEST_CRON: "0 25 \* \* 1" is not a valid cron expression/);
  });

  it('reads the reminder settings: intervals per severity, quiet hours and the stale list, with defaults and clear errors', () => {
    expect(loadConfig({}).reminders).toEqual({
      updateIntervals: { sev1: 30 * 60_000, sev2: 2 * 3_600_000, sev3: 24 * 3_600_000, sev4: null },
      quietHours: undefined,
      staleCron: '0 9 * * 1',
    });
    const set = loadConfig({ UPDATE_REMINDERS: 'sev1:15m,sev4:1d', QUIET_HOURS: '22:00-07:00', STALE_LIST_CRON: 'off' }).reminders;
    expect(set).toMatchObject({ updateIntervals: { sev1: 15 * 60_000, sev4: 24 * 3_600_000 }, quietHours: { start: 1320, end: 420 }, staleCron: undefined });
    // Every problem at once, each naming its setting.
    expect(() => loadConfig({ UPDATE_REMINDERS: 'sev1:fast', QUIET_HOURS: 'nights', STALE_LIST_CRON: 'weekly' })).toThrow(
      /UPDATE_REMINDERS: "fast" in "sev1:fast" is not an interval.*\n.*QUIET_HOURS: "nights" is not a time range such as 22:00-07:00.*\n.*STALE_LIST_CRON: "weekly" is not a five-field cron expression.*Use `off` to turn the stale list off/,
    );
  });

  it('reads the notification clock settings: reminders before each deadline and a regimes file, checked at start-up', () => {
    expect(loadConfig({}).clocks).toEqual({ regimesFile: undefined, reminderOffsets: [24 * 3_600_000, 4 * 3_600_000, 3_600_000] });
    expect(loadConfig({ CLOCK_REMINDERS: 'off', NOTIFICATION_REGIMES_FILE: 'docs/examples/notification-regimes.yaml' }).clocks).toEqual({
      regimesFile: 'docs/examples/notification-regimes.yaml',
      reminderOffsets: [],
    });
    expect(() => loadConfig({ CLOCK_REMINDERS: '24h,soon', NOTIFICATION_REGIMES_FILE: 'docs/examples/none.yaml' })).toThrow(
      /NOTIFICATION_REGIMES_FILE: The notification regimes file docs\/examples\/none\.yaml does not exist.*\n.*CLOCK_REMINDERS: "soon" is not a time before a deadline/,
    );
  });

  it('reads SLACK_APP_ID as an app id (A…), optional, and refuses anything else', () => {
    expect(loadConfig({}).slack.appId).toBeUndefined();
    expect(loadConfig({ SLACK_APP_ID: 'A0123ABCD' }).slack.appId).toBe('A0123ABCD');
    expect(() => loadConfig({ SLACK_APP_ID: 'T0123ABCD' })).toThrow(/SLACK_APP_ID: must be an app id/);
  });

  it('names the missing Slack credentials and points to the sandbox', () => {
    expect(() => requireSlackCredentials(loadConfig({}))).toThrow(/SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.*npm run sandbox/s);
    expect(() => requireSlackCredentials(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).not.toThrow();
  });

  it('reads the "was this you?" waits: 2 h and 4 h by default, the report to the commander after the reminder', () => {
    expect(loadConfig({}).asks).toEqual({ remindAfterMs: 2 * 3_600_000, escalateAfterMs: 4 * 3_600_000 });
    expect(loadConfig({ ASK_REMIND_AFTER: '30m', ASK_ESCALATE_AFTER: '1d' }).asks).toEqual({ remindAfterMs: 30 * 60_000, escalateAfterMs: 86_400_000 });
    expect(() => loadConfig({ ASK_REMIND_AFTER: 'soon' })).toThrow(/ASK_REMIND_AFTER: a duration such as 2h/);
    expect(() => loadConfig({ ASK_REMIND_AFTER: '4h', ASK_ESCALATE_AFTER: '2h' })).toThrow(/ASK_ESCALATE_AFTER: must be longer than ASK_REMIND_AFTER/);
  });

  it('reads SMTP_URL and MAIL_FROM together, and never echoes the password in a URL', () => {
    expect(loadConfig({}).smtp).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.org:587', MAIL_FROM: 'Security <sec@example.org>' }).smtp).toEqual({ url: 'smtp://u:p@mail.example.org:587', from: 'Security <sec@example.org>' });
    expect(() => loadConfig({ SMTP_URL: 'smtp://u:hunter2@mail.example.org' })).toThrow(/MAIL_FROM: must be set when SMTP_URL is/);
    const bad = (() => {
      try {
        loadConfig({ SMTP_URL: 'http://u:hunter2@mail.example.org', MAIL_FROM: 'x@example.org' });
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
    })();
    expect(bad).toContain('SMTP_URL');
    expect(bad).not.toContain('hunter2');
  });

  it('sends pages only over https, or plain http to this machine (the routing key travels in the body)', () => {
    expect(loadConfig({}).pagerduty.eventsUrl).toBe('https://events.pagerduty.com/v2/enqueue');
    expect(loadConfig({ PAGERDUTY_EVENTS_URL: 'http://127.0.0.1:8080/v2/enqueue' }).pagerduty.eventsUrl).toBe('http://127.0.0.1:8080/v2/enqueue');
    expect(() => loadConfig({ PAGERDUTY_EVENTS_URL: 'http://events.pagerduty.com/v2/enqueue' })).toThrow(/PAGERDUTY_EVENTS_URL: must be https:\/\//);
  });

  it('.env.example lists every setting config.ts reads, and nothing else', () => {
    const source = readFileSync('src/config.ts', 'utf8');
    const read = new Set([...source.matchAll(/^\s{4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
    const example = new Set([...readFileSync('.env.example', 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(read.size).toBeGreaterThan(10);
    expect([...example].sort()).toEqual([...read].sort());
  });

  it('only src/config.ts reads process.env, and src/core imports no adapter', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));
    // Comments may mention it; code may not.
    const code = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join('\n');
    const offenders = files('src').filter((f) => f !== path.join('src', 'config.ts') && /process\.env\b/.test(code(f)));
    expect(offenders).toEqual([]);
    const coreImports = files('src/core').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${f}: ${m[1]}`));
    expect(coreImports.filter((i) => /@slack|node-cron|\/slack\/|\/cli\/|\/scheduler\/|config\.js/.test(i))).toEqual([]);
  });
});

describe('REDACT_PATTERNS', () => {
  it('is empty by default and reads `;`-separated name=regex pairs as global patterns named by kind', () => {
    expect(loadConfig({}).redactPatterns).toEqual([]);
    const c = loadConfig({ REDACT_PATTERNS: 'employee-badge=BADGE-[0-9]{6}; vault-token=hvs\\.[A-Za-z0-9]{24,}' });
    expect(c.redactPatterns.map((p) => p.name)).toEqual(['employee-badge', 'vault-token']);
    expect(c.redactPatterns[0]!.pattern.flags).toBe('g');
    expect(c.redactPatterns[0]!.pattern.source).toBe('BADGE-[0-9]{6}');
  });

  it('names the pattern that does not compile, and refuses names and patterns it cannot use', () => {
    expect(() => loadConfig({ REDACT_PATTERNS: 'ok=abc;broken=(unclosed' })).toThrow(/REDACT_PATTERNS: pattern "broken" is not a valid regular expression/);
    expect(() => loadConfig({ REDACT_PATTERNS: 'just-a-regex' })).toThrow(/REDACT_PATTERNS: entry 1 must be name=regex/);
    expect(() => loadConfig({ REDACT_PATTERNS: 'everything=x*' })).toThrow(/pattern "everything" matches empty text/);
  });
});
