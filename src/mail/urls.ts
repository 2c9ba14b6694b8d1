// The URLs of a mail body, and the real destination behind the tracking redirects that mail gateways and webmail
// wrap links in (Google's /url?q=, Microsoft's SafeLinks, Proofpoint's URL Defense). Pure functions.
import { LinkifyIt } from 'linkify-it';
import { Parser } from 'htmlparser2';

// Only links written with their scheme: a bare "invoice.pdf" or "e.g." in a lure is no link to follow.
const linkify = new LinkifyIt().set({ fuzzyLink: false, fuzzyEmail: false });
/** A body with more links than this is cut off here: a mail is read by people, who never need a thousand. */
const MAX_URLS = 200;

/** The http(s) URLs in a plain-text body, as written. */
export function urlsInText(text: string): string[] {
  return (linkify.match(text) ?? []).map((m) => m.url).filter(isWebUrl);
}

/** The http(s) URLs an HTML body links to (href, and src of forms' actions and images) and shows in its text. */
export function urlsInHtml(html: string): string[] {
  const found: string[] = [];
  let text = '';
  const parser = new Parser(
    {
      onopentag(_name, attrs) {
        for (const attr of ['href', 'action', 'src']) {
          const v = attrs[attr]?.trim();
          if (v && isWebUrl(v)) found.push(v);
        }
      },
      ontext(t) {
        text += `${t} `;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return [...found, ...urlsInText(text)];
}

/** Every URL of a mail's bodies, unwrapped, de-duplicated in order of appearance, at most MAX_URLS. */
export function mailUrls(text: string | undefined, html: string | undefined): string[] {
  const all = [...(html ? urlsInHtml(html) : []), ...(text ? urlsInText(text) : [])].map(unwrapUrl);
  return [...new Set(all)].slice(0, MAX_URLS);
}

/**
 * The destination of a tracking redirect, unwrapped as often as it is wrapped (a SafeLink around a Proofpoint link);
 * any other URL comes back as it was. Only the well-known wrappers are undone: guessing at others would invent URLs.
 */
export function unwrapUrl(url: string): string {
  let current = url;
  for (let i = 0; i < 5; i++) {
    const next = unwrapOnce(current);
    if (!next || next === current) return current;
    current = next;
  }
  return current;
}

function unwrapOnce(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase();
  const param = (name: string) => u.searchParams.get(name) ?? undefined;
  // Google: www.google.com/url?q=… (search results, Gmail) and ?url=….
  if (/^(www\.)?google\.[a-z.]+$/.test(host) && u.pathname === '/url') return webUrlOrUndefined(param('q') ?? param('url'));
  // Microsoft Defender SafeLinks: *.safelinks.protection.outlook.com/?url=…
  if (host.endsWith('.safelinks.protection.outlook.com')) return webUrlOrUndefined(param('url'));
  if (host === 'urldefense.proofpoint.com' || host === 'urldefense.com') return proofpoint(u);
  return undefined;
}

/** Proofpoint URL Defense: v1 (?u=, escaped), v2 (?u= with - for % and _ for /) and v3 (/v3/__URL__;…). */
function proofpoint(u: URL): string | undefined {
  if (u.pathname.startsWith('/v3/__')) {
    const href = u.href;
    const start = href.indexOf('/v3/__') + '/v3/__'.length;
    const end = href.indexOf('__;', start);
    return webUrlOrUndefined(end > start ? href.slice(start, end) : undefined);
  }
  const encoded = u.searchParams.get('u');
  if (!encoded) return undefined;
  if (u.pathname.startsWith('/v2/')) {
    try {
      return webUrlOrUndefined(decodeURIComponent(encoded.replace(/-/g, '%').replace(/_/g, '/')));
    } catch {
      return undefined;
    }
  }
  return webUrlOrUndefined(encoded);
}

function webUrlOrUndefined(v: string | undefined): string | undefined {
  return v && isWebUrl(v) ? v : undefined;
}

function isWebUrl(v: string): boolean {
  return /^https?:\/\//i.test(v) && URL.canParse(v);
}
