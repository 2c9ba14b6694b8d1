// The one filter every output applies to marked items (notes today; observables and evidence when they come): an
// item goes out only when its audience may receive its marking, and what is left out is counted, so the output can
// say so ("2 notes withheld (TLP:RED)") instead of silently being shorter.
import { plural } from '../plural.js';
import { mayReceive, tlpLabel, TLP_LEVELS, type Tlp } from './tlp.js';

/** How many items were left out, by marking. */
export type WithheldCounts = Partial<Record<Tlp, number>>;

/** Counts what an output leaves out for its audience while it decides, item by item, what goes in. */
export class TlpFilter {
  /** Items left out so far, by marking. */
  readonly withheld: WithheldCounts = {};

  /** The filter for an audience that may receive up to `audience`. */
  constructor(readonly audience: Tlp) {}

  /** Whether an item marked `item` goes out; one that does not is counted as withheld. */
  admits(item: Tlp): boolean {
    if (mayReceive(item, this.audience)) return true;
    this.withheld[item] = (this.withheld[item] ?? 0) + 1;
    return false;
  }

  /** The items this audience may receive, counting the others. */
  keep<T>(items: readonly T[], markingOf: (item: T) => Tlp): T[] {
    return items.filter((item) => this.admits(markingOf(item)));
  }
}

/** Withheld counts as a list, strictest marking first. */
export function withheldList(withheld: WithheldCounts): { marking: Tlp; count: number }[] {
  return [...TLP_LEVELS]
    .reverse()
    .filter((m) => (withheld[m] ?? 0) > 0)
    .map((marking) => ({ marking, count: withheld[marking]! }));
}

/** "2 notes withheld (TLP:RED), 1 note withheld (TLP:AMBER+STRICT)"; empty when nothing was left out. */
export function withheldText(withheld: WithheldCounts, noun: string): string {
  return withheldList(withheld)
    .map(({ marking, count }) => `${plural(count, noun)} withheld (${tlpLabel(marking)})`)
    .join(', ');
}
