// "Was this you?": what a question to one person is, its three answers and their words. Pure.

/** The three answers a person can give. */
export const ANSWERS = ['yes', 'no', 'unsure'] as const;

/** One answer. */
export type AskAnswer = (typeof ANSWERS)[number];

/** Each answer as people read it (the buttons, the timeline, reports). */
export const ANSWER_WORDS: Record<AskAnswer, string> = { yes: 'Yes', no: 'No', unsure: 'Not sure' };

/** A question as stored. */
export interface Ask {
  id: number;
  incidentId: number;
  userId: string;
  question: string;
  askedBy: string;
  askedAt: Date;
  answer: AskAnswer | null;
  answeredAt: Date | null;
  remindAt: Date | null;
  escalateAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
}

/** A question with its incident's reference, as lists, reports and the CLI show it. */
export interface ListedAsk {
  id: number;
  ref: string;
  userId: string;
  question: string;
  askedBy: string;
  askedAt: Date;
  answer: AskAnswer | null;
  answeredAt: Date | null;
  /** Unanswered, the reminder went out; and the report to the commander. */
  reminded: boolean;
  escalated: boolean;
}

/** Whether a value is one of the three answers (a button's value is untrusted). */
export function isAnswer(value: unknown): value is AskAnswer {
  return typeof value === 'string' && (ANSWERS as readonly string[]).includes(value);
}

/** The longest question: it must fit a direct message's section with room for the reference. */
export const MAX_QUESTION = 1000;
