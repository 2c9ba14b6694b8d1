// Waiting on an outcome instead of on time: a predicate re-checked whenever the workspace changes.

/**
 * Resolve with the predicate's first truthy value, checked now and after each change notification;
 * reject when it throws or after timeoutMs. The timer is only a guard against waiting forever.
 */
export function waitForChange<T>(
  subscribe: (listener: () => void) => () => void,
  predicate: () => T | undefined | null | false,
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let stop = (): void => undefined;
    const finish = (): void => {
      stop();
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`SlackEmulator.waitFor: condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
    const check = (): void => {
      try {
        const value = predicate();
        if (!value) return;
        finish();
        resolve(value);
      } catch (error) {
        finish();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    stop = subscribe(check);
    check();
  });
}
