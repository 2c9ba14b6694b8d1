// Injected failures of Web API methods, consumed in the order they were added.
import type { EmuFault } from './types.js';

interface Pending {
  fault: EmuFault;
  remaining: number;
}

/** Faults waiting to fire, per method. */
export class FaultTable {
  private pending: Pending[] = [];

  /** Queue a fault; it fires on the next `times` calls (default 1) of its method. */
  add(fault: EmuFault): void {
    this.pending.push({ fault, remaining: Math.max(1, fault.times ?? 1) });
  }

  /** Drop every queued fault. */
  clear(): void {
    this.pending = [];
  }

  /** The fault to apply to this call of a method, counting it as used; undefined when none is queued. */
  take(method: string): EmuFault | undefined {
    const entry = this.pending.find((p) => p.fault.method === method);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.pending.splice(this.pending.indexOf(entry), 1);
    return entry.fault;
  }
}
