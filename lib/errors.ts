/** An expected failure that a form shows next to its fields (or above the form). */
export class FormError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'FormError';
  }
}

/**
 * A FormError raised because values must be unique (another record already has them): a form shows it like any
 * other field message; an API answers it with its own conflict status (HR API: 409).
 */
export class ConflictError extends FormError {
  constructor(message: string, fieldErrors: Record<string, string>) {
    super(message, fieldErrors);
    this.name = 'ConflictError';
  }
}

export class ForbiddenError extends Error {
  constructor(message = 'You do not have permission to do this.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  constructor(message = 'Not found.') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * Whether a PostgreSQL error means "this input cannot be stored or compared" rather than "the server is broken":
 * SQLSTATE class 22 (data exception: NUL bytes, invalid text for a type, numbers and dates out of range) and 54000
 * (program limit, e.g. a value too long for an index). Protocol wrappers answer these with a 400, not a 500.
 */
export function isBadInputDatabaseError(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = (cause as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('22') || code === '54000');
}

/** The name of the unique constraint a PostgreSQL error violated, if it is one. */
export function uniqueViolation(error: unknown): string | null {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return pgError?.code === '23505' ? (pgError.constraint ?? 'unique') : null;
}

/** A statement cut off by the request pool's statement_timeout (SQLSTATE 57014): too expensive, not broken. */
export function isStatementTimeout(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  return (cause as { code?: unknown })?.code === '57014';
}
