// Typed errors with stable codes. The web layer turns them into a JSON error or an HTML error page in one place.

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(code, 404, message);
  }
}

export class InvalidInputError extends AppError {
  constructor(code: string, message: string) {
    super(code, 400, message);
  }
}
