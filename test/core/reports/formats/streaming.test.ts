// Every format streams: 100,000 lazily generated events go out in chunks as they are read, never all held at once.
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../../../../src/core/reports/formats/chunks.js';
import { renderReport } from '../../../../src/core/reports/formats/index.js';
import { REPORT_FORMATS } from '../../../../src/core/reports/report.js';
import { aLargeSource } from '../../../support/report-fixture.js';

const N = 100_000;

/** Lines that stand for one event in each format. */
const eventLines: Record<(typeof REPORT_FORMATS)[number], RegExp> = {
  md: /^\| #\d+ \|/gm,
  html: /^<tr><td class="num">#\d+<\/td>/gm,
  json: /^\{"seq":\d+,/gm,
  csv: /^INC-7,\d+,/gm,
  timesketch: /^\{"message":"\[INC-7\]/gm,
  'timesketch-csv': /^"?\[INC-7\]/gm,
};

describe('streaming 100,000 events', () => {
  for (const format of REPORT_FORMATS) {
    it(`${format}: yields chunks while reading, reads the events ${format === 'html' ? 'twice' : 'once'}`, async () => {
      const { source, produced, passes } = aLargeSource(N);
      let chunks = 0;
      let length = 0;
      let longest = 0;
      let rows = 0;
      let earliest = Infinity; // fewest events read, in the last pass, when a chunk came out
      for await (const chunk of renderReport(format, source)) {
        chunks += 1;
        length += chunk.length;
        longest = Math.max(longest, chunk.length);
        rows += chunk.match(eventLines[format])?.length ?? 0;
        if (passes() === (format === 'html' ? 2 : 1)) earliest = Math.min(earliest, produced());
      }
      expect(passes()).toBe(format === 'html' ? 2 : 1);
      expect(rows).toBe(N);
      // Output came out long before the last event was read: the renderer did not gather the events first.
      expect(earliest).toBeLessThan(1_000);
      expect(chunks).toBeGreaterThan(length / (CHUNK_SIZE * 2));
      // No chunk is the whole document; the largest is the HTML chart (bounded by its column count).
      expect(longest).toBeLessThan(400_000);
    }, 10_000);
  }
});
