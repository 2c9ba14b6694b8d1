// URL extraction and the unwrapping of tracking redirects (Google, SafeLinks, Proofpoint), on real-shaped links.
import { describe, expect, it } from 'vitest';
import { mailUrls, unwrapUrl, urlsInHtml, urlsInText } from '../../src/mail/urls.js';

const EVIL = 'https://evil.example/login?u=1&next=%2Fhome';

describe('unwrapUrl', () => {
  it('unwraps Google /url?q= and ?url=', () => {
    expect(unwrapUrl(`https://www.google.com/url?q=${encodeURIComponent(EVIL)}&sa=D&source=editors`)).toBe(EVIL);
    expect(unwrapUrl(`https://google.co.uk/url?url=${encodeURIComponent(EVIL)}`)).toBe(EVIL);
  });

  it('unwraps Outlook SafeLinks', () => {
    expect(unwrapUrl(`https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(EVIL)}&data=05%7C01&reserved=0`)).toBe(EVIL);
  });

  it('unwraps Proofpoint URL Defense v2 and v3', () => {
    const v2 = 'https://urldefense.proofpoint.com/v2/url?u=https-3A__evil.example_login-3Fu-3D1&d=DwMFaQ&c=abc&r=def&m=ghi&s=jkl&e=';
    expect(unwrapUrl(v2)).toBe('https://evil.example/login?u=1');
    const v3 = 'https://urldefense.com/v3/__https://evil.example/login?u=1__;!!ABC123!xyz$';
    expect(unwrapUrl(v3)).toBe('https://evil.example/login?u=1');
  });

  it('unwraps a wrapper inside a wrapper', () => {
    const inner = `https://www.google.com/url?q=${encodeURIComponent(EVIL)}`;
    expect(unwrapUrl(`https://nam02.safelinks.protection.outlook.com/?url=${encodeURIComponent(inner)}`)).toBe(EVIL);
  });

  it('leaves other URLs, and wrappers around no web URL, as they are', () => {
    expect(unwrapUrl(EVIL)).toBe(EVIL);
    expect(unwrapUrl('https://www.google.com/search?q=phishing')).toBe('https://www.google.com/search?q=phishing');
    const javascript = `https://www.google.com/url?q=${encodeURIComponent('javascript:alert(1)')}`;
    expect(unwrapUrl(javascript)).toBe(javascript);
  });
});

describe('URL extraction', () => {
  it('finds links with a scheme in text, not bare words', () => {
    expect(urlsInText('Log in at https://evil.example/a now, see invoice.pdf or e.g. the page.')).toEqual(['https://evil.example/a']);
  });

  it('finds hrefs, form actions and image sources in HTML, and links in its text', () => {
    const html = '<a href="https://evil.example/a">Click</a><form action="http://evil.example/post"></form><img src="https://cdn.example/t.gif"><p>or https://text.example/x</p><a href="mailto:a@b.c">m</a>';
    expect(urlsInHtml(html)).toEqual(['https://evil.example/a', 'http://evil.example/post', 'https://cdn.example/t.gif', 'https://text.example/x']);
  });

  it('unwraps and de-duplicates across the bodies', () => {
    const wrapped = `https://www.google.com/url?q=${encodeURIComponent(EVIL)}`;
    expect(mailUrls(`Go: ${EVIL}`, `<a href="${wrapped.replace(/&/g, '&amp;')}">go</a>`)).toEqual([EVIL]);
  });
});
