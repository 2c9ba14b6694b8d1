// A modal's private_metadata comes back in its submission exactly as the bot set it; anything else means the form was
// not opened by this Rampart (or by an older version). The submission is then refused next to a field, not crashed on.

/** What the person sees when a submission's metadata is not Rampart's. */
export const FOREIGN_FORM = 'This form was not opened by Rampart, or is from an older version. Close it and start again.';

/** The metadata decoded, or undefined when decode throws on it. */
export function decodeOrUndefined<T>(decode: (raw: string) => T, raw: string): T | undefined {
  try {
    return decode(raw);
  } catch {
    return undefined;
  }
}
