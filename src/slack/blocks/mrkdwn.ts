// Slack reads `&`, `<` and `>` in mrkdwn as control characters: `<https://x|label>` is a link, `<@U1>` a mention,
// `<!channel>` notifies everyone ("Formatting text for app surfaces": escape them as &amp; &lt; &gt;). Mrkdwn is the
// only thing the block builders take as mrkdwn text, and only this module makes it: the `md` template escapes every
// character of its literal parts and of each plain string it is given, and the helpers below are the only way to
// write a mention, a channel, a date, a link or a quote. A title can therefore never become markup.

let make: (text: string) => Mrkdwn;

/** Text that is safe to hand to Slack as mrkdwn. Built by `md` and the helpers here, never from a raw string. */
export class Mrkdwn {
  readonly #text: string;
  private constructor(text: string) {
    this.#text = text;
  }
  static {
    make = (text) => new Mrkdwn(text);
  }
  /** The mrkdwn source, as Slack receives it. */
  get text(): string {
    return this.#text;
  }
  /** The escaped source; defined so that an accidental `${m}` in a plain string does not print [object Object]. */
  toString(): string {
    return this.#text;
  }
}

/** What `md` interpolates: other Mrkdwn as it is, plain strings and numbers escaped. */
export type MdPart = Mrkdwn | string | number;

/** Escapes Slack's three control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function piece(part: MdPart): string {
  return part instanceof Mrkdwn ? part.text : escapeMrkdwn(String(part));
}

/** The tagged template for mrkdwn: `md\`*${title}*\`` escapes the title; Mrkdwn values pass through. */
export function md(strings: TemplateStringsArray, ...values: MdPart[]): Mrkdwn {
  let out = escapeMrkdwn(strings[0] ?? '');
  values.forEach((v, i) => {
    out += piece(v) + escapeMrkdwn(strings[i + 1] ?? '');
  });
  return make(out);
}

/** A plain string (a title, a note, a line of a file) as mrkdwn that shows exactly what was typed. */
export function plain(text: string): Mrkdwn {
  return make(escapeMrkdwn(text));
}

/** Joins mrkdwn pieces with a plain separator. */
export function joinMd(parts: readonly MdPart[], separator = ''): Mrkdwn {
  return make(parts.map(piece).join(escapeMrkdwn(separator)));
}

// Slack ids: U/W for people, B for bots; C, G and D for conversations. Anything else is shown, escaped, as text.
const USER_ID = /^[UWB][A-Z0-9]{1,30}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{1,30}$/;

/** A mention of a person by user id; an id that is not one (`cli`, a typo) is shown as text, never as markup. */
export function mention(userId: string): Mrkdwn {
  return USER_ID.test(userId) ? make(`<@${userId}>`) : plain(userId);
}

/** A link to a channel by id. */
export function channelMention(channelId: string): Mrkdwn {
  return CHANNEL_ID.test(channelId) ? make(`<#${channelId}>`) : plain(channelId);
}

/** A Slack date token that each reader sees in their own time zone, with an ISO fallback. */
export function slackDate(d: Date): Mrkdwn {
  const seconds = Math.floor(d.getTime() / 1000);
  return make(`<!date^${seconds}^{date_short_pretty} {time}|${d.toISOString()}>`);
}

/** A link: only http(s) URLs become links, the label escaped; anything else is shown as plain text. */
export function link(url: string, label?: string): Mrkdwn {
  // `|` and `>` would end the URL part early and let the rest of the text choose the label.
  if (!/^https?:\/\/[^\s|<>]+$/.test(url)) return plain(label ? `${label} (${url})` : url);
  const target = url.replace(/&/g, '&amp;');
  return make(label ? `<${target}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>` : `<${target}>`);
}

/**
 * A message from core (a step's outcome) that names people as `<@U…>`: escaped like any text, then only mentions of
 * the ids given (the people core named) get their markup back. A mention typed into a note, links, channels and
 * broadcasts stay text.
 */
export function withMentions(text: string, ids: readonly (string | null)[]): Mrkdwn {
  return make(escapeMrkdwn(text).replace(/&lt;@([UW][A-Z0-9]{1,30})&gt;/g, (all, id: string) => (ids.includes(id) ? `<@${id}>` : all)));
}

/** A block quote: each line of the mrkdwn starts with `>`, which `md` would escape. */
export function quote(m: Mrkdwn): Mrkdwn {
  return make(m.text.replace(/^/gm, '>'));
}

/**
 * Where mrkdwn text may be cut at or before `at` without splitting an entity (`&amp;`), a `<…>` token or a
 * surrogate pair.
 */
function safeCut(text: string, at: number): number {
  let cut = Math.min(at, text.length);
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 10 && !text.slice(amp, cut).includes(';')) cut = amp;
  const open = text.lastIndexOf('<', cut - 1);
  if (open >= 0 && !text.slice(open, cut).includes('>')) cut = open;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

const TRUNCATED = '… (truncated)';

/** Mrkdwn cut to at most max characters, saying so, never mid-entity or mid-token. */
export function clipMd(m: Mrkdwn, max: number): Mrkdwn {
  if (m.text.length <= max) return m;
  return make(`${m.text.slice(0, safeCut(m.text, max - TRUNCATED.length))}${TRUNCATED}`);
}

/**
 * Splits mrkdwn into pieces of at most size characters, at a paragraph, line or word break where there is one in the
 * second half, never inside an entity, a `<…>` token or a surrogate pair.
 */
export function chunkMd(m: Mrkdwn, size: number): Mrkdwn[] {
  const out: Mrkdwn[] = [];
  let rest = m.text.trim();
  while (rest.length > size) {
    const breakAt = Math.max(rest.lastIndexOf('\n\n', size), rest.lastIndexOf('\n', size), rest.lastIndexOf(' ', size));
    // A space can sit inside a date token (`<!date^…^{date} {time}|…>`): the cut is made safe either way.
    const wanted = breakAt > size / 2 ? breakAt : size;
    const safe = safeCut(rest, wanted);
    const at = safe > 0 ? safe : wanted;
    out.push(make(rest.slice(0, at).trimEnd()));
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(make(rest));
  return out;
}

/**
 * Text that a renderer has already escaped piece by piece (core/digest/lines.ts with an escaping Markup). The only
 * way to make Mrkdwn from an arbitrary string: its one caller is covered by the hostile-text test of every builder.
 */
export function escapedByRenderer(text: string): Mrkdwn {
  return make(text);
}
