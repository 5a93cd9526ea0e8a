// The digest's refusals, each code declared once with its status and message (core/errors.ts). A raise may give a
// more precise message (the date or period it could not read, the form field to fix).
import { createErrorFactory } from '../core/errors.js';

export const invalidDigestLink = createErrorFactory({
  code: 'digest.invalid_link',
  status: 400,
  message: 'This link is invalid or has expired. Subscribe again to get a new one.',
});

export const digestEmailUnconfirmed = createErrorFactory({
  code: 'digest.email_unconfirmed',
  status: 400,
  message: 'Confirm your e-mail address first: open the link we mailed you, or send it again from your account page.',
});

export const digestNoEmail = createErrorFactory({
  code: 'digest.no_email',
  status: 400,
  message: 'Add an e-mail address to your account first.',
});

export const savedSearchNotFound = createErrorFactory({
  code: 'digest.saved_search_not_found',
  status: 404,
  message: 'There is no such saved search in your digest.',
});

export const unknownSubscriber = createErrorFactory({
  code: 'digest.unknown_subscriber',
  status: 404,
  message: 'No such subscription.',
});

export const invalidDigestDate = createErrorFactory({
  code: 'digest.invalid_date',
  status: 400,
  message: 'Not a valid date; expected YYYY-MM-DD.',
});

export const invalidDigestPeriod = createErrorFactory({
  code: 'digest.invalid_period',
  status: 400,
  message: 'Not a digest period.',
});

// Form refusals: the message is the schema's, naming what to fix (digest.schemas.ts).
export const invalidDigestEmail = createErrorFactory({
  code: 'digest.invalid_email',
  status: 400,
  message: 'Enter a valid e-mail address.',
});

export const invalidPreferences = createErrorFactory({
  code: 'digest.invalid_preferences',
  status: 400,
  message: 'Invalid input.',
});

export const invalidSavedSearch = createErrorFactory({
  code: 'digest.invalid_search',
  status: 400,
  message: 'Invalid input.',
});
