// Issue 17's table from the suite's figures: ranges (min–max over rounds) beside the bare Bolt floor, each target,
// and whether it was met in every round, in none, or in some. Pure, so the numbers a reader sees can be tested.
import type { ReportTimes } from './report-row.js';
import type { PgliteRound, ServerRound } from './rounds.js';
import type { LoadResult } from './slack-load.js';

/** Everything one suite run measured. */
export interface Figures {
  bare: ServerRound[];
  rampart: ServerRound[];
  pglite: PgliteRound[];
  report: ReportTimes | undefined;
  connections: number;
  durationS: number;
}

/** The machine and software a run was on. */
export interface Machine {
  date: Date;
  cores: number;
  cpu: string;
  ramGb: number;
  node: string;
  postgres: string;
}

/** "a–b unit" of the values as format shows them, or one value when both ends show the same. */
export function range(values: readonly number[], format: (n: number) => string, unit = ''): string {
  if (values.length === 0) return '—';
  const low = format(Math.min(...values));
  const high = format(Math.max(...values));
  return `${low === high ? low : `${low}–${high}`}${unit}`;
}

/** "yes" when every round met the target, "no" when none did, else in how many. */
export function verdict(passes: readonly boolean[]): string {
  const met = passes.filter(Boolean).length;
  if (passes.length === 0) return '—';
  if (met === passes.length) return 'yes';
  return met === 0 ? 'no' : `in ${met} of ${passes.length} rounds`;
}

/** A target with several parts is met in a round when every part is; each part is named when they differ. */
function verdicts(parts: Record<string, boolean[]>): string {
  const lists = Object.values(parts);
  const combined = verdict(lists[0]!.map((_, round) => lists.every((passes) => passes[round] === true)));
  const each = Object.entries(parts).map(([name, passes]) => [name, verdict(passes)] as const);
  return each.every(([, v]) => v === combined) ? combined : `${combined} (${each.map(([name, v]) => `${name}: ${v}`).join('; ')})`;
}

const mb = (values: number[]) => range(values, (n) => String(Math.round(n)), ' MB');
const seconds = (values: number[]) => range(values, (n) => (n / 1000).toFixed(2), ' s');
const ms = (values: number[]) => range(values, (n) => Math.round(n).toLocaleString('en'), ' ms');
const rate = (values: number[]) => range(values, (n) => Math.round(n).toLocaleString('en'));
// A share is NaN for a round whose bare rate was 0 (see problems); it is left out of the range, not shown as NaN.
const percent = (values: number[]) => range(values.filter(Number.isFinite), (n) => String(Math.round(n * 100)), ' %');
/** Rampart's rate over the bare rate of the same round (rounds alternate, so each pair shared the machine's mood). */
const shares = (rampart: LoadResult[], bare: LoadResult[]) => rampart.map((r, i) => (bare[i]?.perSecond ? r.perSecond / bare[i].perSecond : NaN));

/** The table's rows, as issue 17 lays them out. */
export function tableRows(f: Figures): string[][] {
  const { bare, rampart, pglite } = f;
  const bareDeclares = bare.map((r) => r.declares);
  const declaresR = rampart.map((r) => r.declares);
  const bareMessages = bare.map((r) => r.messages);
  const messagesR = rampart.map((r) => r.messages);
  const declareShare = shares(declaresR, bareDeclares);
  const messageShare = shares(messagesR, bareMessages);
  const load = `${f.connections} concurrent`;
  const rows = [
    ['Idle RSS, Postgres mode', mb(bare.map((r) => r.idleRssMb)), mb(rampart.map((r) => r.idleRssMb)), '≤ 110 MB', verdict(rampart.map((r) => r.idleRssMb <= 110))],
    [
      'Idle RSS, embedded PGlite, first start / later starts',
      '—',
      `${mb(pglite.map((p) => p.firstRssMb))} / ${mb(pglite.map((p) => p.laterRssMb))}`,
      '≤ 250 MB both',
      verdicts({ first: pglite.map((p) => p.firstRssMb <= 250), later: pglite.map((p) => p.laterRssMb <= 250) }),
    ],
    [
      'Start to a healthy `/healthz`, Postgres / PGlite first start',
      seconds(bare.map((r) => r.startMs)),
      `${seconds(rampart.map((r) => r.startMs))} / ${seconds(pglite.map((p) => p.firstStartMs))}`,
      '≤ 0.8 s / ≤ 2.5 s',
      verdicts({ Postgres: rampart.map((r) => r.startMs <= 800), PGlite: pglite.map((p) => p.firstStartMs <= 2500) }),
    ],
    [
      `\`/incident declare\` burst, ${load}, ${f.durationS} s`,
      `${rate(bareDeclares.map((d) => d.perSecond))} req/s (with one insert), p99 ${ms(bareDeclares.map((d) => d.p99Ms))}`,
      `${rate(declaresR.map((d) => d.perSecond))} req/s (${percent(declareShare)} of bare), p99 ${ms(declaresR.map((d) => d.p99Ms))}, max ${ms(declaresR.map((d) => d.maxMs))}`,
      'p99 ≤ 100 ms, ≥ 25 % of the bare rate',
      verdicts({ p99: declaresR.map((d) => d.p99Ms <= 100), rate: declareShare.map((s) => s >= 0.25) }),
    ],
    [
      `Message events (≥ 32 chars), ${load}, ${f.durationS} s`,
      `${rate(bareMessages.map((m) => m.perSecond))} /s, p99 ${ms(bareMessages.map((m) => m.p99Ms))}`,
      `${rate(messagesR.map((m) => m.perSecond))} /s (${percent(messageShare)} of bare), p99 ${ms(messagesR.map((m) => m.p99Ms))}`,
      '≥ 50 % of the bare rate',
      verdict(messageShare.map((s) => s >= 0.5)),
    ],
  ];
  if (f.report) {
    const { md, json } = f.report;
    rows.push(['10,000-event report (Markdown, JSON), Postgres', '—', `${ms(md)} / ${ms(json)}`, '≤ 250 ms', verdicts({ Markdown: md.map((t) => t <= 250), JSON: json.map((t) => t <= 250) })]);
  }
  return rows;
}

/** Each load run that had failed or wrong answers, with examples: a fast run of errors is no result. */
export function problems(f: Figures): string[] {
  const runs = [
    ...f.bare.flatMap((r, i) => [[`bare Bolt round ${i + 1}, messages`, r.messages], [`bare Bolt round ${i + 1}, declares`, r.declares]] as const),
    ...f.rampart.flatMap((r, i) => [[`Rampart round ${i + 1}, messages`, r.messages], [`Rampart round ${i + 1}, declares`, r.declares]] as const),
  ];
  return runs
    .filter(([, r]) => r.ok === 0 || r.non2xx + r.errors + r.errorReplies > 0)
    .map(([what, r]) => `${what}: ${r.non2xx} non-2xx, ${r.errors} connection errors, ${r.errorReplies} error replies (${r.ok} good); e.g. ${r.examples.map((e) => JSON.stringify(e)).join(', ')}`);
}

/** The Markdown block: heading, when and where, the table, and any problems. */
export function renderBlock(f: Figures, m: Machine): string {
  const rounds = f.rampart.length;
  const when = `${m.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines = [
    '## At a glance: Rampart beside a bare Bolt app (issue 17)',
    '',
    `Run ${when} on ${m.cores} cores (${m.cpu}), ${m.ramGb.toFixed(1)} GB RAM, Node ${m.node}, PostgreSQL ${m.postgres} on loopback. ` +
      `${rounds} round${rounds === 1 ? '' : 's'}, bare Bolt and Rampart alternating; figures are min–max over rounds, rates are answers checked good per second. ` +
      'Written by `npm run bench -- suite` (how: "The suite against a bare Bolt app" below); edit bench/suite/, not this block.',
    '',
    '| What | Bare Bolt | Rampart | Target | met? |',
    '|---|---|---|---|---|',
    ...tableRows(f).map((cells) => `| ${cells.join(' | ')} |`),
  ];
  const found = problems(f);
  if (found.length > 0) lines.push('', 'Problems in this run:', '', ...found.map((p) => `- ${p}`));
  return lines.join('\n');
}
