// What went wrong reaching the database, in one line a person can act on. node-postgres throws the server's own
// error (a missing database, a refused login) or a socket error (refused, unknown host, timeout), sometimes wrapped
// by drizzle ("Failed query: …", whose text carries SQL and parameters, so it is never shown) or bundled in an
// AggregateError when localhost resolves to two addresses.

/** One line describing why the database could not be used, or undefined when err is not a database problem. */
export function describeDatabaseError(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof AggregateError && e.errors.length > 0) return describeDatabaseError(e.errors[0]);
    const line = describeOne(e as NodeError);
    if (line) return line;
  }
  return undefined;
}

interface NodeError extends Error {
  code?: unknown;
  severity?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
}

const SOCKET_ERRORS: Record<string, (e: NodeError) => string> = {
  ECONNREFUSED: (e) => `cannot connect to the database: connection refused${at(e)}`,
  ENOTFOUND: (e) => `cannot connect to the database: host ${typeof e.hostname === 'string' ? `"${e.hostname}" ` : ''}not found`,
  EAI_AGAIN: (e) => `cannot connect to the database: host ${typeof e.hostname === 'string' ? `"${e.hostname}" ` : ''}not found (DNS lookup failed)`,
  ETIMEDOUT: (e) => `cannot connect to the database: no answer${at(e)}`,
  EHOSTUNREACH: (e) => `cannot connect to the database: host unreachable${at(e)}`,
  ENETUNREACH: (e) => `cannot connect to the database: network unreachable${at(e)}`,
  ECONNRESET: () => 'the database server closed the connection',
};

function describeOne(e: NodeError): string | undefined {
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && SOCKET_ERRORS[code]) return SOCKET_ERRORS[code](e);
  if (/timeout exceeded when trying to connect|connection timeout/i.test(e.message)) return 'cannot connect to the database: no answer in time';
  if (/^Connection terminated/i.test(e.message)) return 'the database server closed the connection';
  // A server error (it has a SQLSTATE and a severity): its first line already says what is wrong, e.g.
  // `database "x" does not exist`, `password authentication failed for user "y"`, `permission denied for table z`.
  if (code && /^[0-9A-Z]{5}$/.test(code) && typeof e.severity === 'string') {
    if (code === '57P03') return 'the database server is starting up or shutting down; try again in a moment';
    return firstLine(e.message);
  }
  return undefined;
}

function at(e: NodeError): string {
  return typeof e.address === 'string' ? ` at ${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}` : '';
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}

/** A database URL fit to print: any password (in the user part or a query parameter) replaced by ***. */
export function redactDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(not a valid URL)';
  }
  if (parsed.password) parsed.password = '***';
  for (const key of [...parsed.searchParams.keys()]) {
    if (/pass|secret|key|token/i.test(key)) parsed.searchParams.set(key, '***');
  }
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}
