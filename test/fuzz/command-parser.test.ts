// Property tests of the slash-command text parsers: whatever a user (or a forged request) types, the parser returns a
// well-typed request or throws its one documented error, AppError('invalid_input') with usage; and requests built
// from valid parts parse back to those parts.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/errors.js';
import { looksLikeRef } from '../../src/core/incidents/incident.js';
import { FORMAT_NAMES, formatNamed } from '../../src/core/reports/format-names.js';
import { AWARENESS_SUBCOMMANDS, parseAwarenessCommand } from '../../src/slack/parse/awareness.js';
import { DECOY_KINDS } from '../../src/core/decoys/decoy.js';
import { parseDecoyCommand } from '../../src/slack/parse/decoy.js';
import { parseIncidentCommand, SUBCOMMANDS, type IncidentRequest } from '../../src/slack/parse/command.js';
import { anyText, hugeText } from './arbitraries.js';
import { FUZZ_SCALE, fuzzRuns } from './budget.js';

// Runs at the default budget (budget.ts): parsing is cheap, so more than the bot fuzzers draw; huge texts cost most.
const ANY_TEXT_RUNS = 500;
const BUILT_RUNS = 200;
const HUGE_RUNS = 20;

// Half the /awareness and /decoy texts are up to 100 KB: thousands of them in a soak outlast the default timeout.
vi.setConfig({ testTimeout: 30_000 * FUZZ_SCALE });

/** The parser's result, or the AppError it threw; any other throw fails the property. */
function outcome<T>(parse: () => T): { ok: T } | { refused: AppError } {
  try {
    return { ok: parse() };
  } catch (err) {
    if (err instanceof AppError && err.code === 'invalid_input' && err.message.length > 0) return { refused: err };
    throw err;
  }
}

const REF_DECIDED = new Set(['note', 'lesson', 'correct', 'playbook', 'tasks', 'review', 'timeline', 'report', 'verify', 'oob']);

/** Type rules every parsed /incident request must meet, whatever the input. */
function expectWellTyped(req: IncidentRequest): void {
  expect([...SUBCOMMANDS, 'declare-modal']).toContain(req.sub);
  const token = /^\S+$/u;
  if ('ref' in req && req.ref !== undefined) {
    // Where the parser decides whether a word is a reference it must look like one; elsewhere core resolves it.
    if (REF_DECIDED.has(req.sub)) expect(looksLikeRef(req.ref)).toBe(true);
    else expect(req.ref).toMatch(token);
  }
  switch (req.sub) {
    case 'declare':
      if (req.severity !== undefined) expect(req.severity).toMatch(/^sev\d$/i); // core narrows to sev1..sev4
      if (req.type !== undefined) expect(req.type.length).toBeGreaterThan(0);
      expect(typeof req.drill).toBe('boolean');
      expect(req.title).toBe(req.title.trim());
      break;
    case 'list':
      expect(['open', 'all']).toContain(req.scope);
      break;
    case 'status':
    case 'severity':
      expect(req.sub === 'status' ? req.status : req.severity).toMatch(token);
      break;
    case 'assign':
      expect(req.userId).toMatch(/^[UW][A-Z0-9]+$/);
      expect(req.role).toMatch(token);
      break;
    case 'unassign':
      expect(req.role).toMatch(token);
      break;
    case 'note':
    case 'lesson':
      expect(req.text.length).toBeGreaterThan(0);
      expect(req.text).toBe(req.text.trim());
      break;
    case 'correct':
      expect(Number.isInteger(req.seq) && req.seq >= 1).toBe(true);
      expect(req.text.length).toBeGreaterThan(0);
      break;
    case 'playbook':
      expect(req.playbookId).toMatch(token);
      break;
    case 'timeline':
      expect(typeof req.share).toBe('boolean');
      break;
    case 'report':
      expect(['md', 'html', 'json', 'csv', 'timesketch', 'timesketch-csv']).toContain(req.format);
      break;
    case 'stats':
      if (req.period !== undefined) expect(req.period).toMatch(token);
      break;
  }
}

describe('/incident text parser under fuzzing', () => {
  it('returns a well-typed request or refuses with usage, for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = outcome(() => parseIncidentCommand(text));
        if ('ok' in result) expectWellTyped(result.ok);
        else expect(result.refused.message).toContain('/incident');
      }),
      { numRuns: fuzzRuns(ANY_TEXT_RUNS) },
    );
  });

  it('copes with 100 KB of text in linear time', () => {
    fc.assert(
      fc.property(hugeText, (text) => {
        const started = performance.now();
        const result = outcome(() => parseIncidentCommand(text));
        if ('ok' in result) expectWellTyped(result.ok);
        // A regex with catastrophic backtracking would take seconds here; generous for a loaded 2-core machine.
        expect(performance.now() - started).toBeLessThan(250);
      }),
      { numRuns: fuzzRuns(HUGE_RUNS) },
    );
  });

  // Words that were options before issue 13 are drawn often: they must stay in the title.
  const titleWord = fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9'.,-]{0,11}$/), fc.constantFrom('public', 'private', 'drill', 'sev2', 'SEV1', 'type:phishing'));
  const ref = fc.integer({ min: 1, max: 999_999_999 }).map((n) => `INC-${n}`);
  const freeText = fc.array(fc.oneof(fc.stringMatching(/^\S{1,10}$/), fc.constantFrom('<@U123>', '<!channel>', '*bold*', '<https://x.example|x>')), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));

  it('parses a declaration built from valid parts back to those parts', () => {
    fc.assert(
      fc.property(
        fc.array(titleWord, { minLength: 1, maxLength: 8 }),
        fc.option(fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4'), { nil: undefined }),
        fc.option(fc.stringMatching(/^[a-z][a-z-]{0,15}$/), { nil: undefined }),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.boolean(),
        (title, severity, type, isPrivate, drill) => {
          const text = ['declare', ...title, severity && `--${severity}`, type && `--type ${type}`, isPrivate === undefined ? undefined : isPrivate ? '--private' : '--public', drill ? '--drill' : undefined]
            .filter((w) => w !== undefined)
            .join(' ');
          expect(parseIncidentCommand(text)).toEqual({
            sub: 'declare',
            title: title.join(' '),
            ...(severity ? { severity } : {}),
            ...(type ? { type } : {}),
            ...(isPrivate !== undefined ? { private: isPrivate } : {}),
            drill,
          });
        },
      ),
      { numRuns: fuzzRuns(BUILT_RUNS) },
    );
  });

  it('parses notes, corrections, assignments and status changes built from valid parts back to those parts', () => {
    fc.assert(
      fc.property(ref, fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), freeText, fc.stringMatching(/^U[A-Z0-9]{2,10}$/), (r, seq, hash, text, user) => {
        expect(parseIncidentCommand(`note ${r} ${text}`)).toEqual({ sub: 'note', ref: r, text });
        expect(parseIncidentCommand(`lesson ${text}`)).toEqual(looksLikeRef(text.split(' ')[0]!) ? expect.anything() : { sub: 'lesson', text });
        expect(parseIncidentCommand(`correct ${r} ${hash ? '#' : ''}${seq} ${text}`)).toEqual({ sub: 'correct', ref: r, seq, text });
        expect(parseIncidentCommand(`assign ${r} commander <@${user}|someone>`)).toEqual({ sub: 'assign', ref: r, role: 'commander', userId: user });
        expect(parseIncidentCommand(`status ${r} contained ${text}`)).toEqual({ sub: 'status', ref: r, status: 'contained', note: text });
      }),
      { numRuns: fuzzRuns(BUILT_RUNS) },
    );
  });

  it('parses every report format name and timeline option with and without a reference', () => {
    fc.assert(
      fc.property(fc.option(ref, { nil: undefined }), fc.constantFrom(...FORMAT_NAMES), fc.boolean(), (r, format, share) => {
        const withRef = r ? { ref: r } : {};
        expect(parseIncidentCommand(['report', r, format].filter(Boolean).join(' '))).toEqual({ sub: 'report', ...withRef, format: formatNamed(format) });
        expect(parseIncidentCommand(['timeline', r, share ? 'share' : undefined].filter(Boolean).join(' '))).toEqual({ sub: 'timeline', ...withRef, share });
      }),
      { numRuns: fuzzRuns(BUILT_RUNS) },
    );
  });
});

describe('/awareness text parser under fuzzing', () => {
  it('returns a known subcommand with a clean argument or refuses with usage, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, hugeText), (text) => {
        const result = outcome(() => parseAwarenessCommand(text));
        if (!('ok' in result)) return void expect(result.refused.message).toContain('/awareness');
        const req = result.ok;
        expect(AWARENESS_SUBCOMMANDS).toContain(req.sub);
        if (req.sub === 'queue') expect(req.tipId).toMatch(/^\S+$/u);
        if (req.sub === 'queue') expect(req.tipId).toBe(req.tipId.toLowerCase());
        if (req.sub === 'promote') expect(req.ref).toMatch(/^\S+$/u);
      }),
      { numRuns: fuzzRuns(ANY_TEXT_RUNS) },
    );
  });

  it('parses a queue or promote request built from valid parts back to its argument', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/), fc.integer({ min: 1, max: 999_999 }), (tipId, n) => {
        expect(parseAwarenessCommand(`  QUEUE\t${tipId.toUpperCase()} `)).toEqual({ sub: 'queue', tipId });
        expect(parseAwarenessCommand(`promote INC-${n}`)).toEqual({ sub: 'promote', ref: `INC-${n}` });
      }),
      { numRuns: fuzzRuns(BUILT_RUNS) },
    );
  });
});

describe('/decoy text parser under fuzzing', () => {
  it('returns a known subcommand with clean arguments or refuses with usage, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, hugeText), (text) => {
        const result = outcome(() => parseDecoyCommand(text));
        if (!('ok' in result)) return void expect(result.refused.message).toContain('/decoy');
        const req = result.ok;
        expect(['help', 'list', 'register', 'retire']).toContain(req.sub);
        if (req.sub === 'register' || req.sub === 'retire') expect(req.name).toMatch(/^\S+$/u);
        if (req.sub === 'register') expect(DECOY_KINDS).toContain(req.kind);
      }),
      { numRuns: fuzzRuns(ANY_TEXT_RUNS) },
    );
  });

  it('parses a registration built from valid parts back to its parts', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.constantFrom(...DECOY_KINDS), fc.array(fc.stringMatching(/^\S{1,8}$/), { maxLength: 5 }), (name, kind, note) => {
        expect(parseDecoyCommand(['register', name, kind.toUpperCase(), ...note].join(' '))).toEqual({ sub: 'register', name, kind, note: note.join(' ') });
      }),
      { numRuns: fuzzRuns(BUILT_RUNS) },
    );
  });
});
