// The sandbox's line language: one line typed at the prompt or read from a script file becomes one typed command.
// Parsing is pure and separate from running, so a bad line is reported before anything is sent to the bot.

/** One thing the person at the sandbox does. */
export type SandboxCommand =
  | { kind: 'slash'; command: string; text: string }
  | { kind: 'as'; user: string }
  | { kind: 'in'; channel: string }
  | { kind: 'click'; label: string; near?: string }
  | { kind: 'react'; emoji: string; words: string }
  | { kind: 'pin'; words: string }
  | { kind: 'say'; text: string }
  | { kind: 'shortcut'; callbackId: string; words: string }
  | { kind: 'fill'; values: Record<string, string> }
  | { kind: 'submit'; values: Record<string, string> }
  | { kind: 'cancel' }
  | { kind: 'wait'; ms: number }
  | { kind: 'visit'; target: string }
  | { kind: 'home' }
  | AlertLine
  | { kind: 'mail'; file: string }
  | { kind: 'help' }
  | { kind: 'exit' };

/** A line that is not one of the sandbox's forms; the message says what was expected. */
export class ScriptParseError extends Error {
  override readonly name = 'ScriptParseError';
}

/** The line forms, as printed by `help`. */
export const LINE_FORMS: readonly string[] = [
  '/incident declare Phishing mail --sev2   run a slash command as the current user in the current channel',
  'as alice                               act as another user (created on first use, kept in DATA_DIR with the same id)',
  'in #inc-1                              switch to a channel that exists (a private one only if you are a member)',
  'click Start playbook                   click the most recent button with that label you can see',
  'click Done on Block the sender         … the one next to the text with those words (a checklist step)',
  'react :eyes: words from the message    react to the latest message in this channel containing the words',
  'pin words from the message             pin the latest message in this channel containing the words',
  'say some text                          post a message in this channel; the bot gets its message event if it is a member',
  'shortcut Report as incident odd mail   run a message shortcut (name or callback_id) on the latest message with the words',
  'fill title="Phishing mail" sev=sev2    fill fields of the open modal (label or block id; yes/no, a,b lists; "a\\nb" is two lines)',
  'submit [field=value …]                 submit the open modal',
  'cancel                                 close the open modal',
  'wait 20m                               let time pass (s, m, h or d) and run what falls due: reminders, the weekly tip, digest, stale list, follow-ups',
  'home                                   open the bot\'s App Home as the current user and show it (click its buttons next)',
  'visit latest                           open the latest link to the bot you were shown (a decoy), as a stranger would',
  'alert sev2 "Odd login" key=gws-1 url=https://…  post an alert to the bot\'s POST /api/v1/alerts as another tool would (also type=, description=, ioc=ipv4:203.0.113.7)',
  'mail suspicious.eml                    drop an .eml file in the sandbox\'s report mailbox: it opens or joins a phishing incident',
  '# comment                              ignored, as are blank lines',
  'help | exit                            this list | quit (Ctrl-D works too)',
  '',
  '@alice in a line becomes a mention of alice, as Slack makes it (@here and @channel too).',
  '$inc is the incident last declared in this run (e.g. in #$inc); $ev the evidence item last logged in it; $run is a tag unique to this run.',
  'Channels: #general, #incidents (announcements), #staff (weekly tips) and each incident\'s own; none can be made by hand.',
  'The clock never goes back: a restart resumes at the later of the saved sandbox time and the real time.',
];

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

const ALERT_USAGE = 'alert [sev1-4] "<title>" [key=<dedupe key>] [url=<link>] [type=<incident type>] [description="…"] [ioc=<type>:<value>,…]';

const USAGE: Record<string, string> = {
  as: 'as <user>',
  in: 'in #<channel>',
  click: 'click <button label> [on <words next to it>]',
  react: 'react :<emoji>: <words from the message>',
  pin: 'pin <words from the message>',
  say: 'say <text>',
  shortcut: 'shortcut <shortcut name or callback_id> <words from the message>',
  fill: 'fill <field>=<value> …',
  wait: 'wait <number><s|m|h|d>, e.g. wait 20m',
  visit: 'visit latest | visit <URL or path on the bot\'s server>',
  home: 'home',
  alert: ALERT_USAGE,
  mail: 'mail <path to an .eml file>',
};

/** Parses one line; returns null for blank lines and comments, throws ScriptParseError for anything else it can't read. */
export function parseLine(line: string): SandboxCommand | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  if (trimmed.startsWith('/')) return parseSlash(trimmed);

  const space = trimmed.search(/\s/);
  const verb = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : trimmed.slice(space).trim();
  const need = (ok: boolean): void => {
    if (!ok) throw new ScriptParseError(`expected: ${USAGE[verb]}`);
  };

  switch (verb) {
    case 'as':
      need(/^@?[\w.-]+$/.test(rest));
      return { kind: 'as', user: rest.replace(/^@/, '').toLowerCase() };
    case 'in':
      need(/^#?[a-z0-9_-]+$/i.test(rest));
      return { kind: 'in', channel: rest.replace(/^#/, '').toLowerCase() };
    case 'click': {
      need(rest !== '');
      const on = /^(.+?)\s+on\s+(.+)$/i.exec(rest);
      return on ? { kind: 'click', label: unquote(on[1]!), near: on[2]!.trim() } : { kind: 'click', label: unquote(rest) };
    }
    case 'react': {
      const m = /^:?([\w+-]+):?(?:\s+(.*))?$/.exec(rest);
      need(m !== null && (m[2] ?? '').trim() !== '');
      return { kind: 'react', emoji: m![1]!, words: m![2]!.trim() };
    }
    case 'pin':
      need(rest !== '');
      return { kind: 'pin', words: rest };
    case 'say':
      need(rest !== '');
      return { kind: 'say', text: rest };
    case 'shortcut': {
      const [first, words] = splitFirstArg(rest);
      need(first !== '' && words !== '');
      return { kind: 'shortcut', callbackId: first, words };
    }
    case 'fill': {
      const values = parseAssignments(rest);
      need(Object.keys(values).length > 0);
      return { kind: 'fill', values };
    }
    case 'submit':
      return { kind: 'submit', values: parseAssignments(rest) };
    case 'cancel':
    case 'close':
      return { kind: 'cancel' };
    case 'wait': {
      const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/i.exec(rest.trim());
      need(m !== null);
      return { kind: 'wait', ms: Math.round(Number(m![1]) * UNIT_MS[m![2]!.toLowerCase() as keyof typeof UNIT_MS]) };
    }
    case 'visit':
      need(/^\S+$/.test(rest));
      return { kind: 'visit', target: rest };
    case 'alert':
      need(rest !== '');
      return parseAlertLine(rest);
    case 'home':
      need(rest === '');
      return { kind: 'home' };
    case 'mail':
      need(rest !== '');
      return { kind: 'mail', file: rest.replace(/^"(.*)"$/, '$1') };
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'exit':
    case 'quit':
      return { kind: 'exit' };
    default:
      throw new ScriptParseError(`unknown line "${trimmed}"; a line is a slash command or starts with one of: ${Object.keys(USAGE).join(', ')}, submit, cancel (type help)`);
  }
}

function parseSlash(trimmed: string): SandboxCommand {
  const m = /^(\/[\w-]+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!m) throw new ScriptParseError(`"${trimmed}" is not a slash command (expected /command text)`);
  return { kind: 'slash', command: m[1]!.toLowerCase(), text: (m[2] ?? '').trim() };
}

/**
 * Reads `key=value` pairs; keys and values may be double-quoted ("Incident title"="Phishing \"CEO\" mail"), and a
 * quoted value may hold line breaks written as \n.
 */
export function parseAssignments(input: string): Record<string, string> {
  const values: Record<string, string> = {};
  let i = 0;
  const skipSpace = (): void => {
    while (i < input.length && /\s/.test(input[i]!)) i++;
  };
  // A token ends at whitespace or, for keys, at '='; a quoted token ends at its closing quote.
  const token = (stopAtEquals: boolean): string => {
    if (input[i] === '"') {
      let out = '';
      for (i++; i < input.length && input[i] !== '"'; i++) {
        // A backslash keeps the next character as it is, except that \n is a line break (multi-line fields).
        if (input[i] === '\\' && i + 1 < input.length) {
          i++;
          out += input[i] === 'n' ? '\n' : input[i];
          continue;
        }
        out += input[i];
      }
      if (i >= input.length) throw new ScriptParseError('a quoted value has no closing "');
      i++;
      return out;
    }
    const start = i;
    while (i < input.length && !/\s/.test(input[i]!) && !(stopAtEquals && input[i] === '=')) i++;
    return input.slice(start, i);
  };

  skipSpace();
  while (i < input.length) {
    const key = token(true);
    if (input[i] !== '=' || key === '') {
      throw new ScriptParseError(`expected field=value near "${input.slice(0, i + 1).split(/\s/).pop() ?? key}" (quote values with spaces: title="Phishing mail")`);
    }
    i++;
    values[key] = token(false);
    skipSpace();
  }
  return values;
}

/** Splits off the first argument, which may be double-quoted so it can hold spaces. */
function splitFirstArg(rest: string): [string, string] {
  const quoted = /^"([^"]*)"\s*([\s\S]*)$/.exec(rest);
  if (quoted) return [quoted[1]!, quoted[2]!.trim()];
  const m = /^(\S+)\s*([\s\S]*)$/.exec(rest);
  return m ? [m[1]!, m[2]!.trim()] : ['', ''];
}

function unquote(s: string): string {
  const m = /^"(.*)"$/.exec(s);
  return m ? m[1]! : s;
}

/** What `alert` posts to the bot: the body as typed (the bot checks it, as it would a real tool's). */
export interface AlertLine {
  kind: 'alert';
  body: Record<string, unknown>;
}

const ALERT_FIELDS: Readonly<Record<string, string>> = { key: 'dedupe_key', url: 'link', link: 'link', type: 'type', description: 'description' };

/** Parses what follows `alert`: an optional severity, the title (quoted, or the words before the first field=value), fields. */
function parseAlertLine(rest: string): AlertLine {
  const sev = /^(sev[1-4])\b\s*/i.exec(rest);
  const afterSev = sev ? rest.slice(sev[0].length) : rest;
  const quoted = /^"((?:[^"\\]|\\.)*)"\s*/.exec(afterSev);
  const firstField = afterSev.search(/(^|\s)[a-z]+=/i);
  const title = quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : (firstField < 0 ? afterSev : afterSev.slice(0, firstField)).trim();
  if (title === '' && !quoted) throw new ScriptParseError(`expected: ${ALERT_USAGE}`);
  const fields = quoted ? afterSev.slice(quoted[0].length) : firstField < 0 ? '' : afterSev.slice(firstField);
  const body: Record<string, unknown> = { title, ...(sev ? { severity: sev[1]!.toLowerCase() } : {}) };
  for (const [key, value] of Object.entries(parseAssignments(fields))) {
    if (key === 'ioc') {
      body.observables = value.split(',').map((item) => {
        const colon = item.indexOf(':');
        if (colon < 1) throw new ScriptParseError(`ioc takes <type>:<value>,…, such as ioc=ipv4:203.0.113.7 (got "${item}")`);
        return { type: item.slice(0, colon), value: item.slice(colon + 1) };
      });
    } else if (ALERT_FIELDS[key]) {
      body[ALERT_FIELDS[key]] = value;
    } else {
      throw new ScriptParseError(`alert has no field "${key}"; expected: ${ALERT_USAGE}`);
    }
  }
  return { kind: 'alert', body };
}
