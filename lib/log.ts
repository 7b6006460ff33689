import { randomUUID } from 'node:crypto';

/** A short id that ties a server log line to what the client was told ("reference …"). */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

type ErrorLike = { name?: unknown; code?: unknown; constraint?: unknown; cause?: unknown; stack?: unknown };

/** The error and its causes, outermost first (drizzle wraps the pg error in `cause`). */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && out.length < 5 && !out.includes(current as ErrorLike)) {
    out.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return out;
}

/** Code locations only: a stack's first lines repeat the message, which may hold the query's parameters. */
function frames(error: ErrorLike | undefined): string[] {
  const stack = typeof error?.stack === 'string' ? error.stack : '';
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 6)
    .map((line) => line.trim());
}

function className(error: ErrorLike): string {
  const constructorName = (error as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof constructorName === 'string' && constructorName !== 'Object') return constructorName;
  return typeof error.name === 'string' ? error.name : 'unknown';
}

/**
 * What may be logged about an unexpected error: its class, the SQLSTATE and constraint of a database error, and
 * where it was thrown. Never its message or detail: drizzle's message carries the query's parameters (names,
 * emails, password hashes) and PostgreSQL's detail the offending values ("Key (email)=(…) already exists").
 */
export function describeError(error: unknown): string {
  const errors = chain(error);
  const classes = errors.map(className).join(' ← ');
  const database = errors.find((e) => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code));
  const parts = [classes || typeof error];
  if (database) parts.push(`SQLSTATE ${database.code as string}`);
  if (database && typeof database.constraint === 'string') parts.push(`constraint ${database.constraint}`);
  return parts.join(', ');
}

/**
 * The one way to log an unexpected error: `[roster] <context> [request <id>]: <class>, SQLSTATE …, constraint …`
 * and the code locations. Returns the request id, so the answer to the client can name it.
 */
export function logError(context: string, error: unknown, requestId: string = newRequestId()): string {
  const where = frames(chain(error)[0]);
  console.error(
    `[roster] ${context} [request ${requestId}]: ${describeError(error)}${where.length ? `\n    ${where.join('\n    ')}` : ''}`,
  );
  return requestId;
}

/** For database errors caused by the client's input (answered with a 4xx): the same clean line, as a warning. */
export function logRejectedInput(context: string, error: unknown): void {
  console.warn(`[roster] ${context}: ${describeError(error)}`);
}
