// The marking every report and export opens with, in the words each format shares: FIRST's statement, then what was
// left out for the audience, if anything.
import { tlpLabel } from '../../tlp/tlp.js';
import { withheldText } from '../../tlp/withhold.js';
import type { ReportTlp } from '../report.js';

/** The statement, and a second line naming the audience and what it was not given (absent when nothing was withheld). */
export function markingLines(tlp: ReportTlp, noun = 'timeline event'): string[] {
  const counts = Object.fromEntries(tlp.withheld.map((w) => [w.marking, w.count]));
  const withheld = withheldText(counts, noun);
  return [tlp.statement, ...(withheld ? [`Written for a ${tlpLabel(tlp.audience)} audience: ${withheld}.`] : [])];
}

/** The marking as one line, for the first row of a timeline file (CSV, Timesketch). */
export function markingMessage(tlp: ReportTlp, noun?: string): string {
  return markingLines(tlp, noun).join(' ');
}
