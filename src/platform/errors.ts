// Errors a service raises when a request cannot be carried out, each with the HTTP status the API maps it
// to and, where one field is to blame, that field's name (in the API's camelCase spelling).

export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is malformed: a missing or wrongly typed field (400). */
export class BadRequestError extends AppError {
  constructor(message: string, field?: string) {
    super(400, message, field);
  }
}

/** Not signed in, or the credentials are not valid (401). */
export class UnauthenticatedError extends AppError {
  constructor(message = 'sign in or send a valid API token') {
    super(401, message);
  }
}

/** Signed in but not allowed (403). */
export class ForbiddenError extends AppError {
  constructor(message = 'you do not have the right to do this') {
    super(403, message);
  }
}

/** Does not exist, or must not be seen to exist (404). */
export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, message);
  }
}

/** Conflicts with what is already there: a duplicate name (409). */
export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super(409, message, field);
  }
}

/** Well-formed but breaks a rule: a name too short, an ID that does not match the project's pattern (422). */
export class RuleError extends AppError {
  constructor(message: string, field?: string) {
    super(422, message, field);
  }
}

/** Too many attempts; try again later (429). */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, message);
  }
}

/** True for a unique or primary-key violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A service Fiona depends on cannot be reached just now (the directory, the sign-in provider) (503). */
export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super(503, message);
  }
}
