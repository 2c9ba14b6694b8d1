// End to end: a script runs through the real bot, the emulator and the transcript printer.
// Each run gets the file's test database, already open and emptied between tests, and the bot's pacing waits move the
// sandbox clock instead of passing; only the test of what DATA_DIR keeps opens and reopens an embedded database there.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/sandbox/sandbox.js';
import { openDatabase } from '../../src/db/client.js';
import { listIncidents } from '../../src/core/incidents/queries.js';
import { listEvents } from '../../src/core/timeline/queries.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { copyMigratedDataDir } from '../support/data-dir.js';
import { MemoryOutput } from './memory-output.js';

let dir: string;
let database: TestDatabase;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-sandbox-'));
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs a script on the test database; `onDataDir` runs it on the embedded database in DATA_DIR instead. */
async function runScript(lines: string[], opts: { onDataDir?: boolean } = {}): Promise<{ code: number; text: string }> {
  const scriptFile = join(dir, 'script.txt');
  await writeFile(scriptFile, lines.join('\n'));
  const output = new MemoryOutput();
  const code = await runSandbox({ dataDir: join(dir, 'data'), scriptFile, output, fastForwardWaits: true, ...(opts.onDataDir ? {} : { database }) });
  return { code, text: output.text };
}

describe('rampart sandbox --script', () => {
  it('runs slash commands as Slack would and prints what the bot posts', async () => {
    const { code, text } = await runScript(['# a first incident', '/incident help', '', '/incident declare Phishing mail --sev4']);
    expect(text).toContain('you in #general> /incident help');
    expect(text).toContain('(only visible to you) rampart:');
    expect(text).toContain('you in #general> /incident declare Phishing mail --sev4');
    expect(text).toContain('INC-1');
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
  });

  it('runs the phishing playbook example: suggested, started, steps done, skipped with a reason and assigned, all on the timeline', async () => {
    const lines = (await readFile('docs/examples/phishing-playbook.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toMatch(/Suggested playbook:\* Phishing or credential-harvesting email/);
    expect(text).toMatch(/INC-1 · \*1 of 14 done, 1 skipped\*/);
    const [inc] = await listIncidents(database.db, { all: true });
    const events = (await listEvents(database.db, inc!.id)).filter((e) => e.kind.includes('step') || e.kind.startsWith('playbook'));
    expect(events.map((e) => [e.kind, e.payload.step ?? null])).toEqual([
      ['playbook_started', null],
      ['step_completed', 1],
      ['step_skipped', 4],
      ['step_assigned', 5],
    ]);
    expect(events[2]!.payload.reason).toBe('Only one person received it, and she deleted it');
  });

  it('runs the review-and-report example: refused close, review saved, closed, timeline shown, reports saved under DATA_DIR/files', async () => {
    const lines = (await readFile('docs/examples/review-and-report.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toContain('INC-1 is sev2: write its post-incident review before closing it');
    expect(text).toContain(':memo: Review saved as version 1 for INC-1 (1 action item)');
    expect(text).toMatch(/status: resolved → \*closed\*/);
    expect(text).toMatch(/Note: first invoice mail arrived — @you :hourglass:/);
    // `wait` moved the clock the bot and Slack share: the phases have the durations the script waited.
    // Real time still passes between lines (a second or so on a busy machine), on top of what `wait` adds.
    expect(text).toMatch(/\*Phases:\* \*triage\* 12m 0\ds → \*investigating\* 40m 0\ds → \*contained\* 3h 00m → \*resolved\* 1d 0h → \*closed\*/);
    const md = await readFile(join(dir, 'data', 'files', 'INC-1-report.md'), 'utf8');
    expect(md).toContain('# INC-1: Fake invoice sent to the finance team');
    expect(md).toContain('Add lookalike domains to the mail filter');
    expect(md).toMatch(/\| Resolved \| [^|]+ \| 3h 52m \|/);
    const jsonl = await readFile(join(dir, 'data', 'files', 'INC-1-timesketch.jsonl'), 'utf8');
    // The marking row, then the events (with the action item becoming a follow-up).
    expect(jsonl.trim().split("\n")).toHaveLength(11);
    expect(JSON.parse(jsonl.split("\n")[0]!)).toMatchObject({ kind: 'tlp_marking', message: expect.stringContaining('[INC-1] TLP:RED: For the eyes and ears') });
  });

  it('runs the follow-ups example: listed from the review, reassigned, reminded by direct message after `wait`, done from the reminder', async () => {
    const lines = (await readFile('docs/examples/followups.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toContain('Follow-ups of *INC-1*: 2 open of 2');
    expect(text).toMatch(/:white_check_mark: Reassigned: INC-1 follow-up “Turn on breach monitoring \(\w+\)”\./);
    // `wait 1d` ran the daily reminder: one direct message to the owner of what is overdue, not to alice.
    expect(text.match(/\[DM @you\] rampart: :alarm_clock: You have 1 follow-up due or overdue\./g)).toHaveLength(1);
    expect(text).not.toMatch(/\[DM @alice\] rampart: :alarm_clock:/);
    expect(text).toMatch(/\[DM @alice\] rampart: @you gave you a follow-up of \*INC-1\*: Turn on breach monitoring/);
    expect(text).toMatch(/:white_check_mark: Done: INC-1 follow-up “Force a reset for the two accounts \(\w+\)”\./);
    expect(text).toMatch(/~Force a reset for the two accounts \(\w+\)~ · done/);
    expect(text).toMatch(/@alice · Turn on breach monitoring/);
  });

  it('runs the notification clocks example: a GDPR clock now, a back-dated NIS2 one overdue at once, reminders by direct message after `wait`, a notice recorded, a clock stopped', async () => {
    const lines = (await readFile('docs/examples/clocks.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toContain(':stopwatch: *INC-1*: GDPR Art. 33 clock started');
    expect(text).toContain('(back-dated: the CSIRT phoned yesterday morning) · for a significant service');
    expect(text).toContain(':rotating_light: *NOTIFICATION OVERDUE* · NIS2 Art. 23: Early warning');
    // `wait 1d` ran the sweep: the overdue notice once, and the reminder 24 h before the 72-hour notification.
    expect(text.match(/\[DM @you\] rampart: :rotating_light: \*OVERDUE: INC-1\* · NIS2 Art. 23: Early warning/g)).toHaveLength(1);
    expect(text).toMatch(/\[DM @you\] rampart: :alarm_clock: \*INC-1\* · NIS2 Art. 23: Incident notification is due .* \(in 1[78] h( \d+ min)?\)\./);
    expect(text).toContain(':warning: *late* Early warning to the CSIRT or competent authority · notified');
    expect(text).toContain('to CERT-FR duty desk (ref CSIRT-2026-17)');
    expect(text).toContain('· stopped: only test data in the bucket after all');
  });

  it('runs the "was this you?" example: asked by direct message, answered from it, the silent one reminded and reported once, found by search', async () => {
    const lines = (await readFile('docs/examples/asks.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text.match(/\[DM @alice\] rampart: :question: @you asks you about \*INC-1\*:/g)).toHaveLength(1);
    expect(text).toMatch(/\[DM @alice\] rampart \(updated\): :white_check_mark: You answered \*No\*/);
    expect(text).toContain('Thank you: *No* is recorded on *INC-1*.');
    expect(text.match(/\[DM @bob\] rampart: :alarm_clock: Still waiting for your answer about \*INC-1\*/g)).toHaveLength(1);
    expect(text.match(/\[DM @you\] rampart: :warning: \*INC-1\*: @bob has not answered/g)).toHaveLength(1);
    expect(text).toContain('@bob · _no answer (reported to the commander)_');
    expect(text).toContain(':mag: 1 found for “lagos”, newest first');
  });

  it('runs the data-leak example: observables, evidence handed on and re-checked, a GDPR clock notified in time, a "was this you?" answer, one marked report', async () => {
    const lines = (await readFile('docs/examples/data-leak.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toContain('IPv4 address `198.51.100[.]23` marked suspicious');
    expect(text).toMatch(/\*EV-\d+\* \(INC-1\): custody @you → @bob/);
    expect(text).toMatch(/\*EV-\d+\* \(INC-1\): the SHA-256 matches the one logged/);
    expect(text).toContain('Thank you: *Yes* is recorded on *INC-1*.');
    expect(text).toContain(':white_check_mark: Notify the supervisory authority · notified');
    expect(text).toContain('to the ICO (ref ICO-2026-0042)');
    const report = await readFile(join(dir, 'data', 'files', 'INC-1-report.md'), 'utf8');
    // The report holds the RED note, so it is marked RED; every part of the incident has its section.
    expect(report.split('\n')[0]).toBe('**TLP:RED: For the eyes and ears of individual recipients only, no further disclosure.**');
    for (const part of ['## Observables', '## Notification clocks', '## Questions asked', '## Evidence log']) expect(report).toContain(part);
    expect(report).toContain("the link was made from alice's account");
  });

  it('runs the incident card example: the pinned card is changed from its buttons and a command, and updated in place', async () => {
    const lines = (await readFile('docs/examples/incident-card.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toMatch(/\[#inc-1\] rampart: == INC-1: Fake invoice sent to finance ==/);
    expect(text).toContain("· [#inc-1] @rampart's message was pinned");
    expect(text).toMatch(/┌─ Modal: Change status/);
    expect(text).toMatch(/\[#incidents › thread\] rampart: :rotating_light: \*INC-1\* escalated/);
    // The last version of the card shows every change, whichever way it was made.
    const last = text.slice(text.lastIndexOf('[#inc-1] rampart (updated): == INC-1'));
    expect(last).toContain('*Status:* contained   *Severity:* SEV1');
    expect(last).toContain('*Commander:* @you');
    expect(last).toMatch(/\*Playbook:\* Phishing or credential-harvesting email · 1 of 14 done/);
    const [inc] = await listIncidents(database.db, { all: true });
    const events = await listEvents(database.db, inc!.id);
    expect(events.filter((e) => e.source === 'slack-modal').map((e) => e.kind)).toEqual(['status_changed', 'severity_changed', 'role_assigned', 'note_added']);
  });

  it('runs the observables example: a note’s offer added with one click, a typed value marked, the list defanged, a STIX export', async () => {
    const lines = (await readFile('docs/examples/observables.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toContain('email address `billing[@]evil-invoices[.]example` added.');
    expect(text).toContain('IPv4 address `203.0.113[.]7` marked malicious.');
    expect(text).toMatch(/Observables of \*INC-\d+\*: 2/);
    expect(text).toMatch(/inc-\d+-observables\.stix\.json is in/);
  });

  it('runs the awareness example: a queued tip sent now to #staff, acknowledged by two people, in the stats', async () => {
    const lines = (await readFile('docs/examples/awareness.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toMatch(/\[#staff\] rampart: == 🛡️ /);
    expect(text).toContain('Posted `mfa-fatigue` to #staff');
    expect(text).toContain('2 people have got it.');
    expect(text).toMatch(/#staff: 2 acknowledgements/);
    expect(text).toMatch(/mfa-fatigue/);
  });

  it('runs the decoys example: a stranger trips a planted link twice, one private incident, then the team moves out of band', async () => {
    const lines = (await readFile('docs/examples/decoys.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toMatch(/Plant this link: http:\/\/127\.0\.0\.1:\d+\/d\/[\w-]{32}/);
    expect(text.match(/· a stranger opened \/d\/[\w-]{32}: HTTP 200, text\/html/g)).toHaveLength(2);
    expect(text).toMatch(/\[#incidents\] rampart: :rotating_light: \*INC-1\* declared · \*SEV2\* · private/);
    expect(text).toMatch(/Another hit: Decoy payroll-\w{4} fetched from 127\.0\.0\.1 \(Mozilla\/5\.0 .*rampart-sandbox-visitor\)/);
    expect(text).toMatch(/`payroll-\w{4}` \(url\) · Linked from the finance wiki · 2 hits/);
    // The example plan went by direct message only, and the timeline still verifies.
    expect(text).toMatch(/\[DM @you\] rampart: :satellite_antenna: \*INC-1\*: the team is moving out of band/);
    const withPhrase = text.split(/\n(?=\S)/).filter((entry) => entry.includes('the heron waits at low tide'));
    expect(withPhrase.length).toBeGreaterThan(0);
    for (const entry of withPhrase) expect(entry).toMatch(/^\[DM @you\]/);
    expect(text).toMatch(/INC-1\*: Timeline verified: \d+ events, hash chain intact/);
  });

  it('runs the reminders example: the nudge and Take command, the role brief, a reminder after `wait`, snoozed, then ended', async () => {
    const lines = (await readFile('docs/examples/reminders.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toMatch(/\[#inc-1\] rampart: :raising_hand: \*INC-1\* \(SEV1, triage\) has no commander yet/);
    expect(text).toContain('[DM @you] rampart: You took *commander* of *INC-1*.');
    // `wait 30m` after taking command, and `wait 31m` after the 30-minute snooze: two reminders, then none once resolved.
    expect(text.match(/\[DM @you\] rampart: :alarm_clock: \*INC-1\* \(SEV1, triage\) has had no update since/g)).toHaveLength(2);
    expect(text).toMatch(/Update reminder snoozed until .* \(for 30m\)/);
    expect(text).toContain('Note: Rule removed; checking the sign-ins of the other finance mailboxes');
  });

  it('visits only the bot\'s own pages', async () => {
    const { code, text } = await runScript(['visit https://example.org/x']);
    expect(text).toMatch(/✗ line 1 failed: the sandbox only opens pages of the bot's own server \(http:\/\/127\.0\.0\.1:\d+\)/);
    expect(code).toBe(1);
    const none = await runScript(['visit latest']);
    expect(none.text).toContain('no link to the bot');
  });

  // The file's first copy of a migrated data directory is made here: on Postgres runs, with no PGlite dump to start
  // from, that is a whole initdb and migration.
  it('keeps its data in DATA_DIR, and a later run gets the incident channels back', { timeout: 120_000 }, async () => {
    await copyMigratedDataDir(join(dir, 'data'));
    const first = await runScript(['/incident declare Phishing mail --sev4', 'in #inc-1', '/incident note first run'], { onDataDir: true });
    expect(first.code).toBe(0);
    const second = await runScript(['in #inc-1', '/incident note second run', '/incident declare Another one --sev3'], { onDataDir: true });
    expect(second.text).toContain('1 incident channel(s) from earlier runs are back');
    expect(second.text).toMatch(/Added to the \*INC-1\* timeline/);
    expect(second.code).toBe(0);
    const kept = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
    try {
      const incidents = await listIncidents(kept.db, { all: true });
      expect(incidents.map((i) => i.ref).sort()).toEqual(['INC-1', 'INC-2']);
      const inc1 = incidents.find((i) => i.ref === 'INC-1')!;
      const notes = (await listEvents(kept.db, inc1.id)).filter((e) => e.kind === 'note_added').map((e) => e.payload.text);
      expect(notes).toEqual(['first run', 'second run']);
      // New channels never reuse a restored channel's id.
      expect(new Set(incidents.map((i) => i.channelId)).size).toBe(2);
      // Nothing went to the test database: the data was in DATA_DIR.
      expect(await listIncidents(database.db, { all: true })).toEqual([]);
    } finally {
      await kept.close();
    }
  });

  it('stops at a line that cannot be carried out and names it', async () => {
    const { code, text } = await runScript(['/incident help', 'click No such button', '/incident help']);
    expect(text).toContain('✗ line 2 failed: no button labelled "No such button" that @you can see');
    expect(text.match(/you in #general> \/incident help/g)).toHaveLength(1);
    expect(code).toBe(1);
  });

  it('names a line it cannot parse', async () => {
    const { code, text } = await runScript(['as alice', 'in #staff', 'frobnicate']);
    expect(text).toContain('alice in #staff> frobnicate');
    expect(text).toContain('✗ line 3 failed: unknown line "frobnicate"');
    expect(code).toBe(1);
  });

  it('reports a script file it cannot read', async () => {
    const output = new MemoryOutput();
    const code = await runSandbox({ dataDir: join(dir, 'data'), scriptFile: join(dir, 'missing.txt'), output, database });
    expect(output.text).toContain('✗ cannot read the script');
    expect(code).toBe(1);
  });
});
