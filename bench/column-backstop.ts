// What the redacted columns' backstop costs: every SafeText/SafeJson value is redacted again on its way to the
// database (src/db/redacted.ts), after the redaction step already did it. This times that second pass on what a
// write carries (a note, a long description, a timeline payload, a review), next to the whole insert of a timeline
// event on PGlite, to decide whether the backstop belongs on the hot path.
// Run: `node --import tsx bench/column-backstop.ts` (or `npm run bench`).
import { performance } from 'node:perf_hooks';
import { redact } from '../src/shared/redact.js';
import { DECOY_CREDENTIAL_PATTERN } from '../src/shared/decoy-credential.js';
import { openDatabase } from '../src/db/client.js';
import { benchCore } from './support.js';

const note = 'Checked the mail gateway: 14 staff received the message, 3 clicked, 1 entered a password; resetting now.';
const description = `${note} `.repeat(20);
const review = `${'What went well: the report came in within ten minutes and the channel was set up at once. '.repeat(30)}`;
const CASES: [string, string][] = [
  ['note (110 chars)', note],
  ['description (2.2 KB)', description],
  ['review field (2.8 KB)', review],
];

function perCall(text: string, runs: number): number {
  for (let i = 0; i < 200; i += 1) redact(text, [DECOY_CREDENTIAL_PATTERN]);
  const start = performance.now();
  for (let i = 0; i < runs; i += 1) redact(text, [DECOY_CREDENTIAL_PATTERN]);
  return ((performance.now() - start) / runs) * 1000;
}

console.log('second redaction pass (the column backstop), per value:');
for (const [name, text] of CASES) console.log(`  ${name.padEnd(24)} ${perCall(text, 5_000).toFixed(1).padStart(7)} µs`);

const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
const core = await benchCore(database);
const actor = { id: 'cli', source: 'cli' } as const;
await core.declare(actor, { title: 'Benchmark incident', type: 'phishing' });
const runs = 300;
const start = performance.now();
for (let i = 0; i < runs; i += 1) await core.addNote(actor, 'INC-1', note);
console.log(`a whole note (redaction step, append, hash chain, outbox) on PGlite: ${(((performance.now() - start) / runs) * 1000).toFixed(0)} µs`);
await database.close();
