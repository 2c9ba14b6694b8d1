// The redaction promise, end to end: a distinct secret is put into every field a person or a visitor can fill (every
// Slack payload and every web request field, listed once in FIELDS below), through the real Bolt app and the Slack
// emulator; then every row of every table, every report in every format, and everything the bot sent to Slack
// (messages, ephemerals, DMs, modals, files) is searched for each secret. A new field goes into FIELDS, nowhere else.
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { is, sql, Table } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema.js';
import { renderReport, FORMAT_INFO } from '../../src/core/reports/formats/index.js';
import type { ReportFormat } from '../../src/core/reports/report.js';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { eventCallback } from '../../src/sandbox/emulator/payloads.js';
import { CLI, channelOf } from '../support/slack-state.js';
import { startTestBot, type TestBot } from '../support/slack.js';

/** One field that takes free text, and how to fill it with `secret` through Slack or the web. */
interface Field {
  name: string;
  fill(secret: string): Promise<unknown>;
  /** False for what is never stored at all (a credential header is dropped, not redacted). */
  stored?: false;
  /**
   * False where nobody is to be told to rotate: a visitor of a decoy URL is no Slack user, and whoever pastes a decoy
   * credential may be the intruder, who must not learn it was bait.
   */
  warned?: false;
  /** False where the text cannot carry a direction override (an HTTP header is Latin-1). */
  unicode?: false;
}

let bot: TestBot;
let admin: EmuUser;
let decoyToken = '';

async function incident(text: string, as?: EmuUser, channelId?: string) {
  const reply = await bot.incident(text, as, channelId ? bot.emu.channelById(channelId) : undefined);
  replies.push(reply.text);
  return reply;
}
async function submit(values: Record<string, string | string[]>, as: EmuUser = bot.lead) {
  const reply = await bot.emu.submitView({ user: as.id, values });
  await bot.rampart.idle();
  replies.push(reply.body);
  return reply;
}
async function command(name: string, text: string, as: EmuUser = bot.lead) {
  const reply = await bot.emu.slashCommand({ user: as.id, channel: bot.general.id, command: name, text });
  await bot.rampart.idle();
  replies.push(reply.body);
  return reply;
}
async function click(label: string, near: string, as: EmuUser = bot.lead) {
  const channel = await channelOf(bot);
  await bot.emu.clickButton({ user: as.id, label, channel: channel.id, near });
  await bot.rampart.idle();
}
/** A decoy URL's visitor: no Slack user to tell, and headers hold Latin-1 only. */
const VISITOR = { warned: false, unicode: false } as const;
/** What the bot answered synchronously (slash command and view submission replies). */
const replies: string[] = [];

/** Every user-supplied field of every Slack payload and web request. INC-1 is declared first and receives the rest. */
const FIELDS: Field[] = [
  { name: 'declare command title', fill: (s) => incident(`declare Payroll phish ${s} --sev2 --type phishing`) },
  { name: 'note', fill: (s) => incident(`note INC-1 ${s}`) },
  { name: 'lesson', fill: (s) => incident(`lesson INC-1 ${s}`) },
  { name: 'correction', fill: (s) => incident(`correct INC-1 #1 ${s}`) },
  { name: 'status note', fill: (s) => incident(`status INC-1 investigating ${s}`) },
  { name: 'ask question', fill: (s) => incident(`ask INC-1 <@${bot.staff.id}> ${s}`) },
  // Never stored, but shown back (“nothing found for …”): redacted like the rest, and the searcher warned.
  { name: 'search text', fill: (s) => incident(`search ${s}`), stored: false },
  {
    name: 'pinned message',
    fill: async (s) => {
      const channel = await channelOf(bot);
      const message = bot.emu.postAsUser(bot.lead.id, channel.id, `look at this ${s}`);
      await bot.emu.react({ user: bot.lead.id, channel: channel.id, ts: message.ts, name: 'pushpin' });
      await bot.rampart.idle();
    },
  },
  {
    name: 'step note (Done modal)',
    fill: async (s) => {
      await click('Start playbook', 'phishing');
      const run = (await bot.rampart.core.playbooks.runs(1))[0]!;
      const noted = run.steps.find((st) => st.step.requires === 'note')!;
      await click('Done', noted.step.title);
      await submit({ [noted.step.prompt!]: s });
    },
  },
  {
    name: 'step skip reason (Skip modal)',
    fill: async (s) => {
      const run = (await bot.rampart.core.playbooks.runs(1))[0]!;
      const open = run.steps.find((st) => st.state === 'open' && !st.step.requires)!;
      await click('Skip', open.step.title);
      await submit({ 'Why is it skipped?': s });
    },
  },
  ...(['Summary', 'Impact', 'Root cause', 'What went well', 'What went wrong', 'Lessons learnt', 'Action 1'] as const).map((label) => ({
    name: `review: ${label}`,
    fill: async (s: string) => {
      await incident('review INC-1');
      // Each save must change something: the other fields keep what the last save wrote (the modal is pre-filled).
      await submit({ Summary: `Summary of the review ${label}`, [label]: s });
    },
  })),
  ...(['tip_title', 'tip_body', 'tip_do', 'tip_dont'] as const).map((field) => ({
    name: `awareness promote: ${field}`,
    fill: async (s: string) => {
      await command('/awareness', 'promote INC-1');
      const tip: Record<string, string> = { tip_title: 'Check the sender', tip_body: 'Look before you click. Then report it.', tip_do: 'Report it', tip_dont: 'Click it' };
      await submit({ ...tip, [field]: field === 'tip_body' ? `Rotate keys often. The key ${s} leaked here.` : `Tip ${s}` });
    },
  })),
  {
    name: 'decoy register note',
    fill: async (s) => {
      const reply = await command('/decoy', `register payroll-share url ${s}`, admin);
      decoyToken = /\/d\/([A-Za-z0-9_-]{32})/.exec(reply.body)![1]!;
    },
  },
  {
    name: 'decoy URL: user agent',
    fill: (s) => fetchDecoy({ 'user-agent': `Mozilla/5.0 ${s}` }),
    ...VISITOR,
  },
  { name: 'decoy URL: header referer', fill: (s) => fetchDecoy({ referer: `https://wiki.example.org/?q=${s}` }), ...VISITOR },
  ...['x-slack-token', 'x-goog-api-key', 'x-amz-security-token', 'private-token', 'x-vault-token', 'api-key', 'authorization', 'cookie', 'x-custom-thing'].map(
    (header) => ({ name: `decoy URL: header ${header}`, fill: (s: string) => fetchDecoy({ [header]: s }), stored: false as const, ...VISITOR }),
  ),
  // Behind TRUST_PROXY the last X-Forwarded-For entry is the source address: the visitor's marker and token.
  { name: 'decoy URL: forwarded source', fill: (s) => fetchDecoy({ 'x-forwarded-for': s.split(' ').slice(0, 2).join('/') }), ...VISITOR },
  {
    name: 'message carrying a decoy credential',
    fill: async (s) => {
      const registered = await command('/decoy', 'register ci-key credential', admin);
      const credential = /`(rk_live_[A-Za-z0-9_-]{32})`/.exec(registered.body)![1]!;
      const text = `does this work? ${credential} ${s}`;
      const posted = bot.emu.postAsUser(bot.staff.id, bot.general.id, text);
      const event = { type: 'message', channel: bot.general.id, channel_type: 'channel', user: bot.staff.id, text, ts: posted.ts, event_ts: posted.ts };
      await bot.emu.sendRaw({ body: JSON.stringify(eventCallback(event, 'EvPasted1', Math.floor(Date.now() / 1000))), contentType: 'application/json' });
      await bot.rampart.idle();
    },
    warned: false,
  },
  { name: 'out-of-band reason', fill: (s) => incident(`oob INC-1 ${s}`) },
  {
    name: 'declare modal: title and description',
    fill: async (s) => {
      await incident('declare');
      await submit({ Title: `Modal ${s}`, Description: `Described ${s}`, Type: 'phishing', Severity: 'sev3' });
    },
  },
  {
    name: 'report-message shortcut',
    fill: async (s) => {
      const message = bot.emu.postAsUser(bot.staff.id, bot.general.id, `is this ok? ${s}`);
      await bot.emu.messageShortcut({ user: bot.staff.id, channel: bot.general.id, ts: message.ts, callbackId: 'report_message' });
      await bot.rampart.idle();
      await submit({ Type: 'phishing', Severity: 'sev3' }, bot.staff);
    },
  },
];

async function fetchDecoy(headers: Record<string, string>) {
  const res = await fetch(`${bot.rampart.url}/d/${decoyToken}`, { headers: { 'x-forwarded-for': '203.0.113.7', ...headers } });
  await res.text();
  await bot.rampart.idle();
}

/**
 * A distinct Slack token and password for each field, so a leak names the field it came from, after a marker that is
 * no secret, so the test can see that the field was stored at all.
 */
function secretsOf(i: number): { text: string; raw: string[]; marker: string } {
  const marker = `Mk${i}x`;
  const token = `xoxb-${7000000000 + i}-Zq${i}Wv${i}Ty`;
  const password = `Hunter${i}Qz${i}`;
  // A right-to-left override and an isolate ride along where the field can hold them: neither may be kept.
  const bidi = FIELDS[i]?.unicode === false ? '' : ' \u202Etxt.exe\u2066';
  return { text: `${marker} ${token} password: ${password}${bidi}`, raw: [token, password], marker };
}

/** Every rotate warning the bot gave: ephemerals and direct messages, and the synchronous replies. */
function rotateWarnings(): number {
  const told = bot.emu.allMessages().filter((m) => m.user === bot.emu.botUser.id && /rotate (it|them) now/.test(m.text));
  return told.length + replies.filter((r) => /rotate (it|them) now/.test(r)).length;
}
/** Rotate warnings each field's filling led to. */
const warningsBy = new Map<string, number>();

beforeAll(async () => {
  bot = await startTestBot({
    env: (emu) => {
      admin = emu.user('admin');
      const staffChannel = emu.channel('staff');
      return {
        ADMINS: `${admin.id},${emu.user('lead').id}`,
        RESPONDERS: `${emu.user('lead').id},${admin.id}`,
        PUBLIC_URL: 'https://rampart.example.org/',
        OOB_PLAN_FILE: 'docs/examples/oob-plan.yaml',
        AWARENESS_CHANNELS: staffChannel.id,
        // Trust the proxy header, so the source address is a visitor's field too.
        TRUST_PROXY: 'true',
        DECOY_RATE_LIMIT: '1000/1h',
      };
    },
  });
  for (const [i, field] of FIELDS.entries()) {
    const before = rotateWarnings();
    await field.fill(secretsOf(i).text);
    warningsBy.set(field.name, rotateWarnings() - before);
  }
  // The promoted tip goes out to staff.
  await command('/awareness', 'send-now');
}, 240_000);
afterAll(async () => {
  await bot?.close();
});

/** Every row of every table, as JSON. */
async function everyRow(): Promise<string> {
  const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, Table));
  const dumps = await Promise.all(
    tables.map(async (t) => JSON.stringify(await bot.database.db.execute(sql.raw(`select * from "${getTableConfig(t).name}"`)))),
  );
  return dumps.join('\n');
}

/** Every report of every incident in every format. */
async function everyReport(): Promise<string> {
  const out: string[] = [];
  for (const { incident } of await bot.rampart.core.list(CLI, 'all')) {
    for (const format of Object.keys(FORMAT_INFO) as ReportFormat[]) {
      const { source } = await bot.rampart.core.report(CLI, incident.ref);
      for await (const chunk of renderReport(format, source)) out.push(chunk);
    }
  }
  return out.join('\n');
}

/** Everything the bot sent to Slack: every Web API call's arguments, every message and every uploaded file. */
function everythingSent(): string {
  const bySlack = bot.emu.calls.map((c) => JSON.stringify(c.params));
  const messages = bot.emu
    .allMessages()
    .filter((m) => m.user === bot.emu.botUser.id || m.ephemeral)
    .map((m) => JSON.stringify(m));
  const files = bot.emu.files().map((f) => f.bytes?.toString('utf8') ?? '');
  return [...bySlack, ...messages, ...files, ...replies].join('\n');
}

const leaks = (haystack: string) =>
  FIELDS.flatMap((field, i) =>
    secretsOf(i)
      .raw.filter((s) => haystack.includes(s))
      .map((s) => `${field.name}: ${s}`),
  );

describe('every field a person or a visitor fills is redacted wherever it lands', () => {
  it('every field was really filled and stored, next to its redaction markers', async () => {
    const rows = await everyRow();
    const missing = FIELDS.filter((f, i) => f.stored !== false && !new RegExp(`${secretsOf(i).marker}[ /]\\[redacted: slack-token\\]`).test(rows)).map((f) => f.name);
    expect(missing).toEqual([]);
    expect(rows).toContain('[redacted: password]');
  });

  it('no secret is in any row of any table', async () => {
    expect(leaks(await everyRow())).toEqual([]);
  });

  it('no secret is in any report, in any format', async () => {
    expect(leaks(await everyReport())).toEqual([]);
  });

  it('the writers were told to rotate, privately (ephemerally or by direct message), never in a channel', () => {
    const warnings = bot.emu.allMessages().filter((m) => m.user === bot.emu.botUser.id && /rotate (it|them) now/.test(m.text));
    const isPrivate = (m: (typeof warnings)[number]) => m.ephemeral || m.channel.startsWith('D');
    expect(warnings.filter((m) => !isPrivate(m))).toEqual([]);
    // Note, lesson, correction, status note, step note and reason, seven review saves, four tips, the out-of-band reason.
    expect(warnings.length + replies.filter((r) => /rotate (it|them) now/.test(r)).length).toBeGreaterThanOrEqual(18);
  });

  it('every writer was told, whatever the field: each field a person fills led to a rotate warning', () => {
    const silent = FIELDS.filter((f) => f.warned !== false && !warningsBy.get(f.name)).map((f) => f.name);
    expect(silent).toEqual([]);
    expect(FIELDS.filter((f) => f.warned === false && warningsBy.get(f.name)).map((f) => f.name)).toEqual([]);
  });

  it('no direction override is kept in any row, report or anything sent to Slack', async () => {
    const overrides = /[\u202A-\u202E\u2066-\u2069]/;
    expect(overrides.test(await everyRow())).toBe(false);
    expect(overrides.test(await everyReport())).toBe(false);
    expect(overrides.test(everythingSent())).toBe(false);
  });

  it('no secret is in anything the bot sent to Slack', () => {
    expect(bot.emu.calls.length).toBeGreaterThan(20);
    expect(leaks(everythingSent())).toEqual([]);
  });
});
