// The pure rules for an observable's value: refanging, the type guess, normalisation (one indicator, one stored form),
// the specific refusals, and defanging for display.
import { describe, expect, it } from 'vitest';
import { defang, guessType, normalise, parseObservableType, parseVerdict, readObservable, refang } from '../../../src/core/observables/observable.js';

describe('refang', () => {
  it('undoes the usual defanged spellings', () => {
    expect(refang('hxxps://evil[.]example/a')).toBe('https://evil.example/a');
    expect(refang('1.2.3[.]4')).toBe('1.2.3.4');
    expect(refang('alice[@]evil(dot)example')).toBe('alice@evil.example');
    expect(refang('hXXp[:]//x{.}example')).toBe('http://x.example');
    expect(refang('fxp://files[.]example')).toBe('ftp://files.example');
  });
});

describe('guessType', () => {
  it.each([
    ['203.0.113.7', 'ipv4'],
    ['203.0.113[.]7', 'ipv4'],
    ['2001:DB8::1', 'ipv6'],
    ['evil.example', 'domain'],
    ['evil[.]example', 'domain'],
    ['hxxps://evil[.]example/login', 'url'],
    ['evil.example/login.php', 'url'],
    ['alice@evil.example', 'email'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'md5'],
    ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'sha1'],
    ['E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', 'sha256'],
    ['+44 20 7946 0000', 'phone'],
  ])('%s is %s', (value, type) => {
    expect(guessType(value)).toBe(type);
  });

  it('never guesses an account name, nor a hex string of no hash length', () => {
    expect(guessType('alice')).toBeUndefined();
    expect(guessType('CORP\\alice')).toBeUndefined();
    expect(guessType('abcdef12')).toBeUndefined();
    expect(guessType('report.v2')).toBeUndefined();
  });
});

describe('normalise', () => {
  it('stores one form per indicator', () => {
    expect(normalise('domain', 'EVIL[.]Example.')).toBe('evil.example');
    expect(normalise('domain', 'bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalise('ipv6', '2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(normalise('ipv6', '[fe80::1]')).toBe('fe80::1');
    expect(normalise('url', 'hxxps://EVIL[.]example:443/a b?q=1')).toBe('https://evil.example/a%20b?q=1');
    expect(normalise('url', 'evil.example/x')).toBe('http://evil.example/x');
    expect(normalise('email', 'Alice@EVIL.example')).toBe('Alice@evil.example');
    expect(normalise('sha256', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(normalise('phone', '+44 (20) 7946-0000')).toBe('+442079460000');
    expect(normalise('phone', '0044 20 7946 0000')).toBe('+442079460000');
    expect(normalise('account', '  CORP\\alice ')).toBe('CORP\\alice');
  });

  it.each([
    ['ipv4', '256.1.1.1', /at most 255/],
    ['ipv4', '010.1.1.1', /leading zero/],
    ['ipv4', 'evil.example', /not an IPv4 address/],
    ['ipv6', 'fe80::1%eth0', /zone/],
    ['ipv6', '2001:db8::g', /not an IPv6 address/],
    ['domain', 'https://evil.example', /not a domain name/],
    ['domain', 'localhost', /not a domain name/],
    ['url', 'javascript://alert(1)', /http, https, ftp/],
    ['email', 'alice@', /not an email address/],
    ['md5', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', /32 hexadecimal digits/],
    ['sha256', 'zz', /64 hexadecimal digits/],
    ['phone', '020 7946 0000', /country code/],
    ['phone', '+12', /7 to 15 digits/],
    ['account', 'a\nb', /one line/],
  ] as const)('refuses %s %s', (type, value, message) => {
    expect(() => normalise(type, value)).toThrow(message);
  });

  it('asks for a type when it cannot tell', () => {
    expect(() => readObservable('alice')).toThrow(/Add its type after it/);
    expect(readObservable('alice', 'account')).toEqual({ type: 'account', value: 'alice' });
  });
});

describe('defang', () => {
  it('shows values so no client links them', () => {
    expect(defang('url', 'https://evil.example/a.php')).toBe('hxxps://evil[.]example/a.php');
    expect(defang('ipv4', '203.0.113.7')).toBe('203.0.113[.]7');
    expect(defang('email', 'alice@evil.example')).toBe('alice[@]evil[.]example');
    expect(defang('domain', 'a.evil.example')).toBe('a[.]evil[.]example');
    expect(defang('sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('round-trips through refang for every linkable type', () => {
    for (const [type, v] of [['url', 'https://evil.example/x'], ['ipv4', '198.51.100.2'], ['email', 'a.b@evil.example'], ['domain', 'evil.example']] as const) {
      expect(normalise(type, defang(type, v))).toBe(v);
    }
  });
});

describe('words', () => {
  it('reads types and verdicts as people write them', () => {
    expect(parseObservableType('SHA-256')).toBe('sha256');
    expect(parseObservableType('e-mail')).toBe('email');
    expect(parseObservableType('colour')).toBeUndefined();
    expect(parseVerdict('Malicious')).toBe('malicious');
    expect(parseVerdict('evil')).toBeUndefined();
  });
});
