// The one wording for a settings file (the rules, the out-of-band plan, the notification regimes) that cannot be read,
// so an operator meets the same clear sentence whichever file is wrong.
import { AppError } from '../shared/errors.js';

/** The error for a file that could not be read: `The rules file /etc/x.yaml does not exist.` */
export function unreadableFile(what: string, file: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code})`;
  return new AppError('invalid_input', `The ${what} ${file} ${why}.`, { file }, { cause: err });
}
