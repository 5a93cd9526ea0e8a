// Errors of notifications. Each code is declared once (core/errors.ts); a raise may give a more precise message.
import { createErrorFactory } from '../core/errors.js';

export const notificationNotFound = createErrorFactory({
  code: 'notifications.not_found',
  status: 404,
  message: 'There is no such notification.',
});

export const notificationsInvalidInput = createErrorFactory({
  code: 'notifications.invalid_input',
  status: 400,
  message: 'That request is not valid.',
});

export const notificationLinkInvalid = createErrorFactory({
  code: 'notifications.link_invalid',
  status: 400,
  message: 'This unsubscribe link does not work: it may have been altered, or the address it was sent to has changed.',
});
