// Replies to `/decoy` (ephemeral, for the admin who asked) and the neutral warning to someone who pasted a decoy
// credential. The warning never says "decoy": the person who pasted it may be the one being watched.
import type { Registered, ListedDecoy, Decoy } from '../../core/index.js';
import { DECOY_USAGE } from '../parse/decoy.js';
import { message } from './message.js';
import { rotateWarning } from './redaction.js';
import { context, joinMd, link, md, packLines, section, slackDate, who, type Mrkdwn } from './text.js';

/** `/decoy list` shows at most this many decoys; the rest are counted. Keeps the reply far inside Slack's limits. */
export const MAX_LISTED_DECOYS = 200;

/** `/decoy help`. */
export function decoyHelp() {
  const text = joinMd(
    [
      md`*Decoys (honeytokens)*, for admins: plant bait that opens a private sev2 incident when someone uses it.`,
      md`${DECOY_USAGE}.`,
      md`\`url\`: a link on this server · \`document\`: an HTML file that loads the link when opened (sent to you by DM) · \`credential\`: a fake API key, reported if it is pasted in Slack or presented to the link.`,
    ],
    '\n',
  );
  return message(text, [section(text)]);
}

/** What to plant, shown only to the admin who registered it. */
export function registeredMessage(r: Registered, url: string | undefined) {
  const d = r.decoy;
  const lines: Mrkdwn[] = [md`:white_check_mark: Decoy \`${d.name}\` (${d.kind}) is live. Only you can see this; keep it between the people who must know.`];
  if (d.kind === 'credential') lines.push(md`Plant this fake credential: \`${r.credential ?? ''}\``);
  if (d.kind === 'url' && url) lines.push(md`Plant this link: ${link(url)}`);
  if (d.kind === 'document' && url) lines.push(md`I'm sending you the document by direct message; opening it loads ${link(url)}.`);
  const warning = rotateWarning(r.redacted);
  if (warning) lines.push(warning);
  const text = joinMd(lines, '\n');
  return message(text, [section(text)]);
}

/** `/decoy list`: the first MAX_LISTED_DECOYS decoys, packed into sections, then how many more there are. */
export function decoyList(decoys: ListedDecoy[]) {
  if (decoys.length === 0) return message(md`No live decoys. \`/decoy register <name>\` plants one.`);
  const lines = decoys
    .slice(0, MAX_LISTED_DECOYS)
    .map(
      (d) =>
        md`• \`${d.name}\` (${d.kind})${d.note ? ` · ${d.note}` : ''} · ${d.hits} hit${d.hits === 1 ? '' : 's'}${d.lastHit ? md`, last ${slackDate(d.lastHit)}` : ''} · planted by ${who(d.createdBy)} ${slackDate(d.createdAt)}`,
    );
  const { sections, shown } = packLines(lines, 40);
  const more = decoys.length - shown;
  const title = md`*Live decoys (${decoys.length})*`;
  const tail = more > 0 ? [context(md`…and ${more} more not shown. Retire the decoys you no longer need with \`/decoy retire <name>\`.`)] : [];
  return message(title, [section(title), ...sections.map(section), ...tail]);
}

/** `/decoy retire`. */
export function retiredMessage(d: Decoy) {
  return message(md`:wastebasket: Decoy \`${d.name}\` is retired: its ${d.kind === 'credential' ? 'credential' : 'link'} no longer records hits, and the name is free again.`);
}

/** Told (ephemerally) to whoever pasted a decoy credential, in the words used for any pasted key. */
export const PASTED_KEY_WARNING =
  ':warning: Your message contains what looks like an API key. Anything posted in Slack should be treated as exposed: please delete the message.';

/** Posted in a decoy incident's channel when a later hit joins it. */
export function furtherHitMessage(line: string) {
  return message(md`:rotating_light: Another hit: ${line}`);
}
