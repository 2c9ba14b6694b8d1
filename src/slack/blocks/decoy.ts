// Replies to `/decoy` (ephemeral, for the admin who asked) and the neutral warning to someone who pasted a decoy
// credential. The warning never says "decoy": the person who pasted it may be the one being watched.
import type { Registered, ListedDecoy } from '../../core/decoys/manage.js';
import type { Decoy } from '../../core/decoys/decoy.js';
import { DECOY_USAGE } from '../parse/decoy.js';
import { escapeText, section, slackDate, who } from './text.js';
import { rotateWarning } from './redaction.js';

/** `/decoy help`. */
export function decoyHelp() {
  const text = [
    '*Decoys (honeytokens)*, for admins: plant bait that opens a private sev2 incident when someone uses it.',
    `${DECOY_USAGE}.`,
    '`url`: a link on this server · `document`: an HTML file that loads the link when opened (sent to you by DM) · `credential`: a fake API key, reported if it is pasted in Slack or presented to the link.',
  ].join('\n');
  return { text, blocks: [section(text)] };
}

/** What to plant, shown only to the admin who registered it. */
export function registeredMessage(r: Registered, url: string | undefined) {
  const d = r.decoy;
  const lines = [`:white_check_mark: Decoy \`${d.name}\` (${d.kind}) is live. Only you can see this; keep it between the people who must know.`];
  if (d.kind === 'credential') lines.push(`Plant this fake credential: \`${r.credential ?? ''}\``);
  if (d.kind === 'url' && url) lines.push(`Plant this link: ${url}`);
  if (d.kind === 'document' && url) lines.push(`I'm sending you the document by direct message; opening it loads ${url}.`);
  const warning = rotateWarning(r.redacted);
  if (warning) lines.push(warning);
  return { text: lines.join('\n'), blocks: [section(lines.join('\n'))] };
}

/** `/decoy list`. */
export function decoyList(decoys: ListedDecoy[]) {
  if (decoys.length === 0) return { text: 'No live decoys. `/decoy register <name>` plants one.' };
  const lines = decoys.map(
    (d) =>
      `• \`${d.name}\` (${d.kind})${d.note ? ` · ${escapeText(d.note)}` : ''} · ${d.hits} hit${d.hits === 1 ? '' : 's'}${d.lastHit ? `, last ${slackDate(d.lastHit)}` : ''} · planted by ${who(d.createdBy)} ${slackDate(d.createdAt)}`,
  );
  const text = `*Live decoys (${decoys.length})*\n${lines.join('\n')}`;
  return { text, blocks: [section(text)] };
}

/** `/decoy retire`. */
export function retiredMessage(d: Decoy) {
  return { text: `:wastebasket: Decoy \`${d.name}\` is retired: its ${d.kind === 'credential' ? 'credential' : 'link'} no longer records hits, and the name is free again.` };
}

/** Told (ephemerally) to whoever pasted a decoy credential, in the words used for any pasted key. */
export const PASTED_KEY_WARNING =
  ':warning: Your message contains what looks like an API key. Anything posted in Slack should be treated as exposed: please delete the message.';

/** Posted in a decoy incident's channel when a later hit joins it. */
export function furtherHitMessage(line: string) {
  return { text: `:rotating_light: Another hit: ${escapeText(line)}` };
}
