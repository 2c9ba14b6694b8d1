// `visit`: a stranger's browser opening a page of the bot's own web server, which is how a planted decoy link gets
// tripped. Only the bot's own origin is ever fetched: the sandbox never reaches beyond loopback.
import { LineError, withTimeout } from './line-errors.js';

/** The user agent the sandbox's stranger sends; it lands in the decoy hit's record. */
export const VISITOR_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) rampart-sandbox-visitor';

/** The URL a `visit` target means: `latest` is the newest link to the bot in the texts (newest first), else a URL or path. */
export function visitUrl(target: string, botUrl: string, textsNewestFirst: Iterable<string>): URL {
  const origin = new URL(botUrl).origin;
  if (target.toLowerCase() === 'latest') {
    for (const text of textsNewestFirst) {
      // Links end where Slack's markup does: at <, >, |, a backtick or an asterisk.
      const found = [...text.matchAll(/https?:\/\/[^\s<>|`*"]+/g)].filter((m) => URL.canParse(m[0])).map((m) => new URL(m[0])).find((u) => u.origin === origin);
      if (found) return found;
    }
    throw new LineError(`no link to the bot (${origin}) has been shown to you yet; /decoy register name url makes one`);
  }
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    throw new LineError(`"${target}" is not a URL or a path`);
  }
  if (url.origin !== origin) throw new LineError(`the sandbox only opens pages of the bot's own server (${origin})`);
  return url;
}

/** Fetches the page as a browser would and says what came back, as one transcript line. */
export async function visitPage(url: URL): Promise<string> {
  const res = await withTimeout(fetch(url, { headers: { 'user-agent': VISITOR_AGENT, accept: 'text/html' } }), `${url.pathname} never answered`);
  const body = await res.text();
  const type = (res.headers.get('content-type') ?? 'no content type').split(';')[0];
  return `· a stranger opened ${url.pathname}: HTTP ${res.status}, ${type}, ${body.length} characters`;
}
