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

/** The name of the unique constraint a PostgreSQL error violated, if it is one. */
export function uniqueViolation(error: unknown): string | null {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return pgError?.code === '23505' ? (pgError.constraint ?? 'unique') : null;
}
