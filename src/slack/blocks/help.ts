// `/incident help`: every subcommand with an example.
import { message } from './message.js';
import { md, plain, section } from './text.js';

const HELP = [
  '*Rampart: security incidents from Slack*',
  '`/incident declare <title> [--sev1..--sev4] [--type <type>] [--private|--public] [--drill]`: declare (private unless `--public`); only `--` flags are options, every other word is the title; no title opens a form.\n   e.g. `/incident declare Suspicious login on the press office mailbox --sev2 --type account-compromise`',
  '`/incident edit [INC-n] title <new title>|type <type>|private|public|drill|real`: correct what was declared (its commander or responders; making it public needs a responder and a confirmation).',
  '`/incident list [open|all]`: incidents, newest first.',
  '`/incident show [INC-n]`: one incident (in its channel the reference may be left out).',
  '`/incident status [INC-n] <status> [note]`: triage → investigating → contained → resolved → closed; also declined (`declined <why>`), merged (`merged INC-m`, an open incident). Open work asks for a confirmation first.',
  '`/incident severity [INC-n] sev1..sev4` · `/incident assign [INC-n] commander|comms|scribe @person` (invited and told by direct message) · `/incident unassign [INC-n] <role>` (its commander or responders; in its channel the reference may be left out).',
  '`/incident note [INC-n] [at 14:05] <text>`: add to the timeline; `at <time>` says when it happened.',
  '`/incident lesson [INC-n] <text>`: a lesson learnt (admins can promote it to a weekly awareness tip with `/awareness promote INC-n`).',
  '`/incident review [INC-n]`: write or update the post-incident review in a form (every save is a new version; sev1 and sev2 incidents need one before closing, unless configured otherwise).',
  '`/incident correct [INC-n] #<event> <text>`: correct an earlier timeline event (the timeline is never edited).',
  '`/incident playbooks`: the response playbooks · `/incident playbook [INC-n] <id>`: start one (responders) · `/incident tasks [INC-n]`: open steps, yours first.',
  '`/incident followups [INC-n|mine]`: follow-ups from the latest review’s action items (open first, by due date), with Done and Reassign; owners get a direct message when one falls due.',
  '`/incident ioc add [INC-n] <value> [type]` · `ioc list [INC-n]` · `ioc mark [INC-n] <value> malicious|suspicious|benign|unknown` · `ioc export [INC-n] stix|misp|csv` · `/incident ioc [INC-n]` opens a form: observables (IPs, domains, URLs, emails, hashes, phones, accounts), shown defanged.',
  '`/incident ask [INC-n] @person <question>`: “was this you?” by direct message with Yes, No and Not sure; the answer goes on the timeline, no answer is reminded once and then reported to the commander (its commander or responders) · `/incident asks [INC-n]`: the questions and answers.',
  '`/incident remind [INC-n] snooze 30m|2h|tomorrow` · `/incident remind [INC-n] stop`: what a reminder’s Snooze and Stop buttons do (its commander and responders).',
  '`/incident clocks [INC-n] [start gdpr|nis2|… [at <when> <reason>] | notified <regime> [<deadline>] [at <when>] [ref <ref>] to <whom> | stop <regime> [reason]]`: legal notification deadlines from awareness; the commander is reminded before each (its commander or responders change them).',
  '`/incident search <text>`: incidents, notes and lessons that match (words, "a phrase", -without), newest first; only what you may see.',
  '`/incident tlp [INC-n] clear|green|amber|amber+strict|red [reason]`: its TLP marking (its commander or responders) · `/incident note [INC-n] TLP:RED <text>`: a note marked more strictly than its incident, left out of anything shared more widely.',
  '`/incident timeline [INC-n] [share]`: phases and events (`share` posts it in the incident channel) · `/incident report [INC-n] [md|html|json|csv|timesketch|timesketch-csv]`: the full report as a file in the incident channel (`markdown` = `md`, `jsonl` = `timesketch`).',
  '`/incident verify [INC-n]`: check the timeline has not been altered (its hash chain), just for you.',
  '`/incident evidence [INC-n]`, `evidence add [INC-n] [sha256:…] [at:…] [zone:…] [by:@…] [tlp:…] <what> | <where stored>`, `evidence transfer EV-n @person | <why>`, `evidence check EV-n <sha256>`: the evidence log and its chain of custody (a hash mismatch is recorded and posted, never refused).',
  '`/incident oob INC-n [reason]`: when Slack may be compromised, send the out-of-band plan (backup channels, phone tree, verification phrase) by direct message to the incident’s people (its commander or responders); in a comms-compromise incident only “switch to the plan you acknowledged”, never the plan.',
  '`/incident stats [30d|90d|365d|all]`: incidents by type, severity and month, response times, and a chart (responders).',
  '`/incident help`: this message.',
  'React with :pushpin: (or pin) a message in an incident channel to copy it into the timeline. On any message, the *Report as incident* shortcut opens the form.',
];

/** The settings the help summarises besides the types: RULES_FILE's rules in words, and when channels are archived. */
export interface HelpSettings {
  rules?: readonly string[];
  /** CHANNEL_ARCHIVE_AFTER in words (`7d`); undefined when channels are kept. */
  archiveAfter?: string;
}

/** The help message. */
export function helpMessage(types: readonly string[], settings: HelpSettings = {}) {
  // The lines are ours, with their *bold* and `code`; plain() escapes only their <placeholders> so they show as typed.
  const text = plain(HELP.join('\n'));
  // A section holds 3,000 characters: the list is split in two halves, each well within it.
  const half = Math.ceil(HELP.length / 2);
  const [first, second] = [plain(HELP.slice(0, half).join('\n')), plain(HELP.slice(half).join('\n'))];
  const rules = settings.rules?.length
    ? md`*Rules* (first match applies when a channel is set up):\n${settings.rules.map((r) => `• ${r}`).join('\n')}`
    : md`*Rules:* none (set RULES_FILE to invite people, start a playbook and pick a commander by type and severity).`;
  const tidy = settings.archiveAfter ? md`*Channels* are archived ${settings.archiveAfter} after closing, unless someone presses Keep open.` : md`*Channels* are kept after closing.`;
  return message(text, [section(first), section(second), section(md`*Types:* ${types.join(', ')}`), section(rules), section(tidy)]);
}
