// Injected failures of Web API methods, consumed in the order they were added. A fault fires on the next `times`
// calls of its method, or on a seeded-random `share` of them (reproducible runs with faults on some calls).
import type { EmuFault } from './types.js';

interface Pending {
  fault: EmuFault;
  /** Firings left; Infinity for a share fault without `times`. */
  remaining: number;
  /** The share fault's dice; undefined for a plain one, which always fires. */
  roll?: () => number;
}

/** Faults waiting to fire, per method. */
export class FaultTable {
  private pending: Pending[] = [];

  /** Queue a fault; it fires on the next `times` calls (default 1) of its method, or on a `share` of them. */
  add(fault: EmuFault): void {
    if (fault.share === undefined) {
      this.pending.push({ fault, remaining: Math.max(1, fault.times ?? 1) });
      return;
    }
    if (!(fault.share >= 0 && fault.share <= 1)) throw new Error(`fault share must be between 0 and 1, got ${fault.share}`);
    this.pending.push({ fault, remaining: fault.times === undefined ? Infinity : Math.max(1, fault.times), roll: mulberry32(fault.seed ?? 1) });
  }

  /** Drop every queued fault. */
  clear(): void {
    this.pending = [];
  }

  /** The fault to apply to this call of a method, counting it as used; undefined when none is queued or none fires. */
  take(method: string): EmuFault | undefined {
    for (const entry of this.pending.filter((p) => p.fault.method === method)) {
      // A share fault that does not fire leaves the call to the next fault queued for the method.
      if (entry.roll && entry.roll() >= entry.fault.share!) continue;
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.pending.splice(this.pending.indexOf(entry), 1);
      return entry.fault;
    }
    return undefined;
  }
}

/** A small seeded PRNG (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
