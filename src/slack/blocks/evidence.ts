// Evidence in Slack: the `/incident evidence` list (each item with its holder, hash, collection and marking, and how
// its custody chain and re-checks stand), the replies to add, transfer and check, and the loud mismatch post. Pure.
import { collectedWords, isSlackUser, type EvidenceAdded, type EvidenceList, type EvidenceLogEntry, type NotificationPayloads } from '../../core/index.js';
import { message, type SlackMessage } from './message.js';
import { context, md, mention, section, type Mrkdwn } from './text.js';

/** Items shown in one list (one section and one context each, within Slack's 50 blocks per message). */
export const MAX_LISTED = 20;

/** A custodian: a mention for a Slack user, the name as written otherwise (escaped). */
export function custodianLabel(who: string): Mrkdwn {
  return isSlackUser(who) ? mention(who) : md`${who}`;
}

/** `a1b2c3d4…9f8e`: enough of a hash to tell items apart in chat; reports carry it whole. */
function shortHash(hex: string): string {
  return `${hex.slice(0, 12)}…${hex.slice(-4)}`;
}

/** One item as a line: reference, what, where, who holds it, hash, collection and marking. */
export function evidenceLine(e: EvidenceLogEntry): Mrkdwn {
  const { item } = e;
  const hash = item.sha256 ? md` · SHA-256 \`${shortHash(item.sha256)}\`` : md``;
  const marking = item.tlp ? md` · *TLP:${item.tlp}*` : md``;
  return md`*${e.ref}* · ${item.description}${marking}\nStored at ${item.location} · held by ${custodianLabel(item.holder)}${hash}\nCollected by ${custodianLabel(item.collectedBy)}, ${collectedWords(item)}`;
}

/** How an item's chain and re-checks stand, in one context line; a mismatch is said loudly. */
function chainWords(e: EvidenceLogEntry): Mrkdwn {
  const transfers = e.transfers.length === 0 ? md`no transfers` : md`${String(e.transfers.length)} transfer${e.transfers.length === 1 ? '' : 's'}`;
  const mismatches = e.checks.filter((c) => !c.matches).length;
  const checks =
    e.checks.length === 0
      ? md`not re-checked`
      : mismatches > 0
        ? md`:rotating_light: *${String(mismatches)} hash mismatch${mismatches === 1 ? '' : 'es'}* in ${String(e.checks.length)} re-check${e.checks.length === 1 ? '' : 's'}`
        : md`${String(e.checks.length)} re-check${e.checks.length === 1 ? '' : 's'}, all matching`;
  return md`${transfers} · ${checks}`;
}

/** The ephemeral list of an incident's evidence. */
export function evidenceListMessage(list: EvidenceList): SlackMessage {
  const n = list.entries.length;
  const lead = n === 0 ? md`No evidence logged on *${list.incident.ref}* yet.` : md`Evidence of *${list.incident.ref}*: ${String(n)} item${n === 1 ? '' : 's'}`;
  if (n === 0 && list.withheld > 0) return message(md`Evidence of *${list.incident.ref}*: ${String(list.withheld)} item${list.withheld === 1 ? '' : 's'} withheld, marked more strictly (TLP) than you may receive.`);
  if (n === 0) return message(lead, [section(lead), context(md`\`/incident evidence add ${list.incident.ref} <what it is> | <where it is stored>\` logs one.`)]);
  const shown = list.entries.slice(0, MAX_LISTED);
  const blocks = [
    section(lead),
    ...(list.withheld > 0 ? [context(md`${String(list.withheld)} more withheld: marked more strictly (TLP) than you may receive.`)] : []),
    ...shown.flatMap((e) => [section(evidenceLine(e)), context(chainWords(e))]),
    ...(n > shown.length ? [context(md`${String(n - shown.length)} more not shown: \`rampart evidence list ${list.incident.ref}\` or the report lists every one.`)] : []),
  ];
  return message(lead, blocks);
}

/** The reply to a logged item. */
export function evidenceAddedMessage(added: EvidenceAdded): SlackMessage {
  const entry = { item: added.item, ref: added.ref, transfers: [], checks: [] };
  return message(md`:file_folder: Logged *${added.ref}* on *${added.incident.ref}*.`, [section(md`:file_folder: Logged on *${added.incident.ref}*:\n${evidenceLine(entry)}`)]);
}

/** The reply to a transfer. */
export function evidenceTransferredMessage(p: { ref: string; incident: { ref: string }; from: string; item: { holder: string } }): SlackMessage {
  return message(md`:handshake: *${p.ref}* (${p.incident.ref}): custody ${custodianLabel(p.from)} → ${custodianLabel(p.item.holder)}, recorded on the timeline.`);
}

/** The reply to a re-check: a match briefly, a mismatch loudly (it was recorded and posted in the incident channel). */
export function evidenceCheckedMessage(p: { ref: string; incident: { ref: string; channelId: string | null }; matches: boolean; expected: string; actual: string }): SlackMessage {
  if (p.matches) return message(md`:white_check_mark: *${p.ref}* (${p.incident.ref}): the SHA-256 matches the one logged. Recorded on the timeline.`);
  const where = p.incident.channelId ? md` and posted in the incident channel` : md``;
  return message(md`:rotating_light: *Hash mismatch on ${p.ref}* (${p.incident.ref}): logged \`${p.expected}\`, given \`${p.actual}\`. Recorded on the timeline${where}.`);
}

/** The post in the incident channel when a re-check does not match. */
export function evidenceMismatchMessage(p: NotificationPayloads['evidence_mismatch']): SlackMessage {
  const lead = md`:rotating_light: *Hash mismatch on evidence ${p.evidence}* (${p.ref}${p.drill ? ', drill' : ''})`;
  return message(lead, [
    section(lead),
    section(md`${p.description}\nLogged SHA-256: \`${p.expected}\`\nChecked by ${custodianLabel(p.by)}: \`${p.actual}\``),
    context(md`The item may have been altered or swapped since it was logged. The mismatch is on the timeline; \`/incident evidence list ${p.ref}\` shows its chain of custody.`),
  ]);
}
