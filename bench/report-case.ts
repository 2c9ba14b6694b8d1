// One measured case, in its own process so its peak memory (maxRSS) is its own: render one format of one seeded
// incident (or export everything) and print a JSON line with the time and peak memory.
// The time runs from asking the core for the report (access check, the header's queries and the hash-chain check) to
// the last byte rendered. The process has already opened the database (migrations checked, one pooled connection)
// but done nothing else, as `rampart report` does: the time includes the pool opening its other connections and the
// code's first, unoptimised runs, which a bot that has served reports before no longer pays.
import { openDatabase, type DatabaseTarget } from '../src/db/client.js';
import { renderReport } from '../src/core/reports/formats/index.js';
import type { ReportFormat } from '../src/core/reports/report.js';
import { benchCore } from './support.js';

const [target, number, format] = process.argv.slice(2) as [string, string, string];
const dbTarget: DatabaseTarget = target.startsWith('postgres') ? { kind: 'postgres', url: target, statementTimeoutMs: 600_000 } : { kind: 'pglite', dataDir: target };
const database = await openDatabase(dbTarget);
const core = await benchCore(database, 'Europe/Paris');
const before = process.resourceUsage().maxRSS;
const started = performance.now();
let bytes = 0;
if (format.startsWith('export-')) {
  for await (const chunk of core.exportAll({ since: null, format: format.slice(7) as ReportFormat })) bytes += Buffer.byteLength(chunk);
} else {
  const { source } = await core.report({ id: 'bench', source: 'cli' }, `INC-${number}`);
  for await (const chunk of renderReport(format as ReportFormat, source)) bytes += Buffer.byteLength(chunk);
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024, baseRssMb: before / 1024 })}\n`);
await database.close();
