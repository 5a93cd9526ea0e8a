// Errors of following. Each code is declared once (core/errors.ts).
import { createErrorFactory } from '../core/errors.js';

export const followInvalid = createErrorFactory({
  code: 'follows.invalid_input',
  status: 400,
  message: 'That is not something one can follow.',
});

/** Also the answer for a private collection and someone else's saved search: they do not exist for this reader. */
export const followTargetNotFound = createErrorFactory({
  code: 'follows.not_found',
  status: 404,
  message: 'There is nothing like that to follow.',
});

export const followOwnCollection = createErrorFactory({
  code: 'follows.own_collection',
  status: 400,
  message: 'This is your own collection: you see everything you add to it already.',
});

export const followLimitReached = createErrorFactory({
  code: 'follows.limit_reached',
  status: 409,
  message: 'You follow as many things as one account can; unfollow something first.',
});
