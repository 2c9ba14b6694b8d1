// Whose reports are answered: only an address at the organisation's domains, in a report the receiving server did not
// mark as forged, sent by a person. Each rule is checked alone, and on real parsed messages.
import { describe, expect, it } from 'vitest';
import { reporterVerified } from '../../src/mail/intake.js';
import { parseReport } from '../../src/mail/parse.js';
import type { MailReport } from '../../src/core/index.js';

const DOMAINS = ['example.org'];
const report = (reporter: string | undefined, auth: Record<string, string> = {}, automatic = false): Pick<MailReport, 'reporter' | 'reporterChecks'> => ({
  ...(reporter ? { reporter } : {}),
  reporterChecks: { auth, automatic },
});

describe('reporterVerified', () => {
  it('trusts an address at an allowed domain whose report passed, or carried no verdict', () => {
    expect(reporterVerified(report('maria@example.org', { spf: 'pass', dkim: 'pass', dmarc: 'pass' }), DOMAINS)).toBe(true);
    expect(reporterVerified(report('Maria@Example.org'), DOMAINS)).toBe(true);
  });

  it('refuses other domains, and everyone when no domain is set', () => {
    expect(reporterVerified(report('maria@example.org.evil.example', { dmarc: 'pass' }), DOMAINS)).toBe(false);
    expect(reporterVerified(report('maria@example.org', { dmarc: 'pass' }), [])).toBe(false);
    expect(reporterVerified(report(undefined), DOMAINS)).toBe(false);
  });

  it('refuses a report marked as failing DMARC, or SPF when there is no DMARC result', () => {
    expect(reporterVerified(report('maria@example.org', { dmarc: 'fail', spf: 'pass' }), DOMAINS)).toBe(false);
    expect(reporterVerified(report('maria@example.org', { spf: 'fail' }), DOMAINS)).toBe(false);
    expect(reporterVerified(report('maria@example.org', { spf: 'softfail' }), DOMAINS)).toBe(false);
    expect(reporterVerified(report('maria@example.org', { spf: 'fail', dmarc: 'pass' }), DOMAINS)).toBe(true);
  });

  it('refuses automatic mail: answering an auto-reply or a bounce could loop', () => {
    expect(reporterVerified(report('maria@example.org', {}, true), DOMAINS)).toBe(false);
  });
});

describe('what the parser reports for these checks', () => {
  const mail = (headers: string) => new TextEncoder().encode(`${headers}From: Maria <maria@example.org>\r\nSubject: is this real?\r\nMessage-ID: <r1@example.org>\r\n\r\nLook at https://evil.example/x\r\n`);
  const parse = async (headers: string) => {
    const parsed = await parseReport(mail(headers), { mailbox: 'test', uidKey: '1:1' });
    if (!('report' in parsed)) throw new Error('rejected');
    return parsed.report;
  };

  it('reads the report’s own topmost Authentication-Results', async () => {
    const r = await parse('Authentication-Results: mx.example.org;\r\n dkim=pass header.d=example.org;\r\n spf=pass smtp.mailfrom=example.org;\r\n dmarc=fail header.from=example.org\r\n');
    expect(r.reporterChecks).toEqual({ auth: { spf: 'pass', dkim: 'pass', dmarc: 'fail' }, automatic: false });
  });

  it('marks auto-replies, list mail and bounces as automatic, and a person’s mail as not', async () => {
    expect((await parse('Auto-Submitted: auto-replied\r\n')).reporterChecks?.automatic).toBe(true);
    expect((await parse('Auto-Submitted: no\r\n')).reporterChecks?.automatic).toBe(false);
    expect((await parse('Precedence: bulk\r\n')).reporterChecks?.automatic).toBe(true);
    expect((await parse('Return-Path: <>\r\n')).reporterChecks?.automatic).toBe(true);
    expect((await parse('Return-Path: <maria@example.org>\r\n')).reporterChecks?.automatic).toBe(false);
  });
});
