// The pure campaign rules: what "same subject" and "same sender" mean, and the keys a mail is matched on.
import { describe, expect, it } from 'vitest';
import { campaignKeys, messageKey, senderKey, subjectKey, type MailFacts } from '../../../src/core/phishing/reported-mail.js';

const facts = (over: Partial<MailFacts> = {}): MailFacts => ({ replyTo: [], auth: {}, urls: [], attachments: [], ...over });

describe('subjectKey', () => {
  it('strips reply and forward prefixes however often they repeat, and folds case and spaces', () => {
    expect(subjectKey('Fwd: RE:  Your   Account is SUSPENDED')).toBe('your account is suspended');
    expect(subjectKey('TR: AW: WG: [EXTERNAL] Your account is suspended')).toBe('your account is suspended');
    expect(subjectKey('Fw[2]: Your account is suspended')).toBe('your account is suspended');
  });

  it('keeps a prefix-looking word that is no prefix', () => {
    expect(subjectKey('Reset your password')).toBe('reset your password');
  });

  it('gives nothing for short or empty subjects, which unrelated mails share', () => {
    expect(subjectKey('Re: Hi')).toBeUndefined();
    expect(subjectKey(undefined)).toBeUndefined();
  });
});

describe('senderKey', () => {
  it('is the domain, lower case', () => {
    expect(senderKey('Billing@Paypa1-Secure.COM')).toBe('paypa1-secure.com');
  });

  it('is the whole address at a shared webmail provider', () => {
    expect(senderKey('scammer123@gmail.com')).toBe('scammer123@gmail.com');
  });

  it('is nothing for what is no address', () => {
    expect(senderKey('not-an-address')).toBeUndefined();
    expect(senderKey('@example.com')).toBeUndefined();
  });
});

describe('campaignKeys and messageKey', () => {
  it('lists the sender, each URL once, and the subject', () => {
    const keys = campaignKeys(facts({ from: { address: 'a@evil.example' }, urls: ['https://evil.example/1', 'https://evil.example/1', 'https://evil.example/2'], subject: 'Fwd: Invoice overdue' }));
    expect(keys).toEqual([
      { kind: 'sender', value: 'evil.example' },
      { kind: 'url', value: 'https://evil.example/1' },
      { kind: 'url', value: 'https://evil.example/2' },
      { kind: 'subject', value: 'invoice overdue' },
    ]);
  });

  it('claims a message by its Message-ID however it is written, else by its bytes', () => {
    const sha = 'a'.repeat(64);
    expect(messageKey({ reportMessageId: '<ABC@example.org>', reportSha256: sha })).toBe(messageKey({ reportMessageId: 'abc@example.org', reportSha256: 'b'.repeat(64) }));
    expect(messageKey({ reportSha256: sha })).toBe(`sha256:${sha}`);
  });
});

describe('campaign keys stay indexable', () => {
  it('cuts a long subject or URL to 1000 bytes of UTF-8, between characters, however wide its characters', () => {
    const wide = '請'.repeat(600); // 1800 bytes
    const keys = campaignKeys({ replyTo: [], auth: {}, attachments: [], subject: wide, urls: [`https://evil.example/${'%E8%AB%8B'.repeat(300)}`, `https://evil.example/${wide}`] });
    for (const k of keys) expect(Buffer.byteLength(k.value)).toBeLessThanOrEqual(1000);
    expect(keys.find((k) => k.kind === 'subject')!.value).toBe('請'.repeat(333));
  });
});
