// Observables (indicators of compromise): their types, verdicts and the pure rules for a value: refanging what people
// paste, normalising it so one indicator is stored once, guessing its type, and defanging it for display so nobody
// clicks it. No database.
import { isIPv6 } from 'node:net';
import { AppError } from '../../shared/errors.js';
import type { SafeText } from '../../shared/safe-text.js';

/** The kinds of observable, in the order lists show them. */
export const OBSERVABLE_TYPES = ['ipv4', 'ipv6', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'phone', 'account'] as const;
/** One kind of observable. */
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

/** What the team thinks of an observable; unknown until someone marks it. */
export const VERDICTS = ['malicious', 'suspicious', 'benign', 'unknown'] as const;
/** One verdict. */
export type Verdict = (typeof VERDICTS)[number];

/** How an observable was recorded: typed by a person, or offered from a scanned note or pin and accepted. */
export type ObservableOrigin = 'typed' | 'scan' | 'alert';

/** A stored observable. value is normalised (never defanged); it is the redacted, normalised text. */
export interface Observable {
  id: number;
  incidentId: number;
  type: ObservableType;
  value: SafeText;
  verdict: Verdict;
  origin: ObservableOrigin;
  addedBy: string;
  addedAt: Date;
  changedBy: string;
  changedAt: Date;
}

/** How people name the types (`sha-256`, `ip`, `e-mail`), mapped to ours. */
const TYPE_WORDS: Readonly<Record<string, ObservableType>> = {
  ipv4: 'ipv4', ip4: 'ipv4', ipv6: 'ipv6', ip6: 'ipv6', domain: 'domain', hostname: 'domain', host: 'domain', fqdn: 'domain',
  url: 'url', link: 'url', email: 'email', 'e-mail': 'email', mail: 'email', md5: 'md5', sha1: 'sha1', 'sha-1': 'sha1',
  sha256: 'sha256', 'sha-256': 'sha256', phone: 'phone', 'phone-number': 'phone', tel: 'phone', account: 'account',
  'account-name': 'account', user: 'account', username: 'account',
};

/** Reads a type as people write it; undefined when it is none of ours. */
export function parseObservableType(word: string): ObservableType | undefined {
  return TYPE_WORDS[word.trim().toLowerCase()];
}

/** Reads a verdict (`malicious`, `Benign`); undefined when it is none of the four. */
export function parseVerdict(word: string): Verdict | undefined {
  const w = word.trim().toLowerCase();
  return (VERDICTS as readonly string[]).includes(w) ? (w as Verdict) : undefined;
}

/** Human names of the types, for lists and refusals. */
export const TYPE_LABELS: Readonly<Record<ObservableType, string>> = {
  ipv4: 'IPv4 address', ipv6: 'IPv6 address', domain: 'domain', url: 'URL', email: 'email address', md5: 'MD5 hash',
  sha1: 'SHA-1 hash', sha256: 'SHA-256 hash', phone: 'phone number', account: 'account name',
};

/**
 * Undoes the usual defanging (`hxxps://`, `[.]`, `(dot)`, `[@]`, `[:]`) so a pasted indicator is read as the real
 * value. Only bracketed forms are undone: a bare word "dot" in an account name stays as written.
 */
export function refang(text: string): string {
  return text
    .trim()
    .replace(/^h(?:xx|\*\*|XX)p(s?)(?=\[?:)/i, 'http$1')
    .replace(/^fxp(s?)(?=\[?:)/i, 'ftp$1')
    .replace(/\[:\/\/\]|\[:\]\/\//g, '://')
    .replace(/\[:\]/g, ':')
    .replace(/[[({]\s*(?:\.|dot)\s*[\])}]/gi, '.')
    .replace(/[[({]\s*(?:@|at)\s*[\])}]/gi, '@');
}

const HEX = /^[0-9a-f]+$/i;
const HASH_LENGTHS: ReadonlyArray<[number, ObservableType]> = [[32, 'md5'], [40, 'sha1'], [64, 'sha256']];
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const URL_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'ws:', 'wss:']);
const EMAIL = /^([^\s@]+)@([^\s@]+)$/;
const PHONE_CHARS = /^\+?[\d\s().-]+$/;

/**
 * The type a value most likely is, after refanging; undefined when it looks like none (account names are never
 * guessed: any word could be one, so they are recorded only when asked for).
 */
export function guessType(raw: string): ObservableType | undefined {
  const v = refang(raw);
  if (HEX.test(v)) return HASH_LENGTHS.find(([n]) => n === v.length)?.[1];
  if (IPV4.test(v)) return 'ipv4';
  if (v.includes(':') && !SCHEME.test(v) && isIPv6(v)) return 'ipv6';
  if (SCHEME.test(v)) return 'url';
  if (EMAIL.test(v)) return 'email';
  if (v.startsWith('+') && PHONE_CHARS.test(v)) return 'phone';
  if (/^[^\s/]+\.[^\s/]+\/\S*$/.test(v) && domainOrUndefined(v.slice(0, v.indexOf('/')))) return 'url';
  if (domainOrUndefined(v)) return 'domain';
  return undefined;
}

/** A value normalised for its type: the stored form, and the one compared across incidents. Throws invalid_input. */
export function normalise(type: ObservableType, raw: string): string {
  const v = refang(raw);
  if (v === '') throw refusal('Give a value to record.');
  if (v.length > 2048) throw refusal('That value is too long to be an observable (2,048 characters at most).');
  switch (type) {
    case 'ipv4': return ipv4(v);
    case 'ipv6': return ipv6(v);
    case 'domain': return domain(v);
    case 'url': return url(v);
    case 'email': return email(v);
    case 'md5': case 'sha1': case 'sha256': return hash(type, v);
    case 'phone': return phone(v);
    case 'account': return account(v);
  }
}

/** Guesses the type when none is given and normalises; the refusal says what could not be read. */
export function readObservable(raw: string, type?: ObservableType): { type: ObservableType; value: string } {
  const chosen = type ?? guessType(raw);
  if (!chosen) {
    throw refusal(
      'Rampart can’t tell what kind of observable that is. Add its type after it: ipv4, ipv6, domain, url, email, md5, sha1, sha256, phone or account.',
    );
  }
  return { type: chosen, value: normalise(chosen, raw) };
}

/**
 * The value as Slack and reports show it: URLs get `hxxp`, and the dots of hosts become `[.]` (an IPv4 address's last
 * one), `@` becomes `[@]`, so no client turns it into a link. Hashes, IPv6, phones and accounts are shown as stored.
 */
export function defang(type: ObservableType, value: string): string {
  switch (type) {
    case 'ipv4': {
      const i = value.lastIndexOf('.');
      return `${value.slice(0, i)}[.]${value.slice(i + 1)}`;
    }
    case 'domain': return value.replaceAll('.', '[.]');
    case 'email': {
      const at = value.lastIndexOf('@');
      return `${value.slice(0, at)}[@]${value.slice(at + 1).replaceAll('.', '[.]')}`;
    }
    case 'url': return defangUrl(value);
    default: return value;
  }
}

function defangUrl(value: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(value);
  if (!m) return value.replaceAll('.', '[.]');
  const scheme = m[1]!.replace(/^http/i, 'hxxp').replace(/^ftp/i, 'fxp');
  const authority = m[2]!.replaceAll('.', '[.]').replaceAll('@', '[@]');
  // Dots in the path stay: without a real scheme and host no client makes a link of them.
  return `${scheme}://${authority}${m[3]!}`;
}

function refusal(message: string): AppError {
  return new AppError('invalid_input', message, { field: 'observable' });
}

function ipv4(v: string): string {
  const m = IPV4.exec(v);
  if (!m) throw refusal(`“${v}” is not an IPv4 address: write four numbers from 0 to 255 with dots, such as 203.0.113.7.`);
  const parts = m.slice(1, 5);
  if (parts.some((p) => Number(p) > 255)) throw refusal(`“${v}” is not an IPv4 address: each of its four numbers is at most 255.`);
  // Some tools read a leading zero as octal (010 = 8), so such an address is ambiguous: ask for it written plainly.
  if (parts.some((p) => p.length > 1 && p.startsWith('0'))) throw refusal(`“${v}” has a number with a leading zero, which some tools read as octal: write it without.`);
  return parts.map(Number).join('.');
}

function ipv6(v: string): string {
  const bare = v.replace(/^\[(.*)\]$/, '$1');
  if (bare.includes('%')) throw refusal('Leave the zone (the part after %) out of an IPv6 address: it only means something on one machine.');
  if (!isIPv6(bare)) throw refusal(`“${v}” is not an IPv6 address.`);
  // The WHATWG URL parser serialises IPv6 hosts in RFC 5952's canonical form: lower case, zeros compressed.
  return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
}

function domainOrUndefined(v: string): string | undefined {
  const trimmed = v.replace(/\.$/, '');
  if (!trimmed.includes('.') || /[\s/:@?#[\]\\]/.test(trimmed) || trimmed.length > 253) return undefined;
  let host: string;
  try {
    host = new URL(`http://${trimmed}/`).hostname;
  } catch {
    return undefined;
  }
  const labels = host.split('.');
  const tld = labels.at(-1)!;
  const labelOk = (l: string) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l);
  if (!labels.every(labelOk) || !(/^[a-z]{2,63}$/.test(tld) || /^xn--[a-z0-9-]+$/.test(tld))) return undefined;
  return host;
}

function domain(v: string): string {
  const host = domainOrUndefined(v);
  if (!host) throw refusal(`“${v}” is not a domain name: write it like evil.example, without a scheme or path.`);
  return host;
}

function url(v: string): string {
  const withScheme = SCHEME.test(v) ? v : `http://${v}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw refusal(`“${v}” is not a URL Rampart can read.`);
  }
  if (!URL_SCHEMES.has(parsed.protocol)) throw refusal(`“${v}” is not a web address: Rampart records http, https, ftp, ws and wss URLs.`);
  if (!parsed.hostname) throw refusal(`“${v}” has no host.`);
  return parsed.href;
}

function email(v: string): string {
  const m = EMAIL.exec(v);
  const local = m?.[1];
  const host = m?.[2] && domainOrUndefined(m[2]);
  if (!local || !host || local.length > 64 || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local)) {
    throw refusal(`“${v}” is not an email address: write it like alice@evil.example.`);
  }
  // The domain is case-insensitive; the local part may not be (RFC 5321), so it is kept as written.
  return `${local}@${host}`;
}

function hash(type: 'md5' | 'sha1' | 'sha256', v: string): string {
  const length = HASH_LENGTHS.find(([, t]) => t === type)![0];
  if (!HEX.test(v) || v.length !== length) throw refusal(`“${v}” is not a ${TYPE_LABELS[type]}: it has ${length} hexadecimal digits.`);
  return v.toLowerCase();
}

function phone(v: string): string {
  if (!PHONE_CHARS.test(v)) throw refusal(`“${v}” is not a phone number: use digits, spaces and dashes, such as +44 20 7946 0000.`);
  const digits = v.replace(/\D/g, '');
  const international = v.startsWith('+') ? digits : v.startsWith('00') ? digits.slice(2) : undefined;
  if (international === undefined) throw refusal(`Write ${v} with its country code (+44 20 7946 0000), so it means one number everywhere.`);
  // E.164: a country code and a number, 15 digits at most; fewer than 7 is no one's full number.
  if (international.length < 7 || international.length > 15 || international.startsWith('0')) {
    throw refusal(`“${v}” is not an international phone number: E.164 numbers have 7 to 15 digits after the +.`);
  }
  return `+${international}`;
}

function account(v: string): string {
  if (v.length > 256) throw refusal('An account name is 256 characters at most.');
  if (/[\p{Cc}\n]/u.test(v)) throw refusal('An account name is one line, without control characters.');
  return v;
}
