// An output stream for sandbox runs in tests: keeps what is written, and lets a test wait until some text appears
// (the interactive prompt answers as the bot does, not on a timer).
import { Writable } from 'node:stream';

/** Keeps what is written; `until` resolves once the text matches. */
export class MemoryOutput extends Writable {
  text = '';
  private waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    this.waiters = this.waiters.filter((w) => {
      const m = this.text.match(w.re);
      if (m) w.resolve(m);
      return !m;
    });
    done();
  }

  /** The first match of re in everything written so far, once there is one. */
  until(re: RegExp): Promise<RegExpMatchArray> {
    const m = this.text.match(re);
    if (m) return Promise.resolve(m);
    return new Promise((resolve) => this.waiters.push({ re, resolve }));
  }
}
