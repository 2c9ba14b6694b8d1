// Redaction timing: each detector's hostile megabyte (test/support/redaction-hostile.ts), then 1, 2 and 4 times
// every label at once, to show time grows with the input, not its square. Run: `node --import tsx bench/redact.ts`.
import { performance } from 'node:perf_hooks';
import { redact } from '../src/shared/redact.js';
import { everyLabel, HOSTILE } from '../test/support/redaction-hostile.js';

const time = (input: string) => {
  const start = performance.now();
  redact(input);
  return performance.now() - start;
};

let worst = { name: '', ms: 0 };
for (const [kind, inputs] of Object.entries(HOSTILE)) {
  inputs.forEach(([input], i) => {
    const ms = time(input);
    if (ms > worst.ms) worst = { name: `${kind} #${i + 1}`, ms };
    console.log(`${`${kind} #${i + 1}`.padEnd(22)} ${(input.length / 2 ** 20).toFixed(1)} MB ${ms.toFixed(0).padStart(6)} ms`);
  });
}
console.log(`slowest: ${worst.name}, ${worst.ms.toFixed(0)} ms`);
for (const times of [1, 2, 4]) {
  const input = everyLabel().repeat(times);
  console.log(`every label x${times}`.padEnd(22), `${(input.length / 2 ** 20).toFixed(1)} MB ${time(input).toFixed(0).padStart(6)} ms`);
}
