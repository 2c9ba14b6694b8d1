// How long a question waits for its answer before the reminder and the report to the commander (ASK_REMIND_AFTER,
// ASK_ESCALATE_AFTER); the composition root passes them in, core falls back on the defaults below.

/** The two waits, in milliseconds. */
export interface AskSettings {
  remindAfterMs: number;
  escalateAfterMs: number;
}

/** Two hours to the reminder, four to the commander: within a working day, long enough not to nag. */
export const DEFAULT_ASK_SETTINGS: AskSettings = { remindAfterMs: 2 * 3_600_000, escalateAfterMs: 4 * 3_600_000 };
