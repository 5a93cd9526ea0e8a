// Errors of moderation and profiles. Each code is declared once (core/errors.ts); `moderation.forbidden` has
// three messages (moderators only, administrators only, not on this user), one code and status.
import { createErrorFactory } from '../core/errors.js';

export const moderationForbidden = createErrorFactory({
  code: 'moderation.forbidden',
  status: 403,
  message: 'Only moderators can do that.',
});

export const moderationInvalidRole = createErrorFactory({
  code: 'moderation.invalid_role',
  status: 403,
  message: 'Roles are user, moderator and admin.',
});

export const moderationInvalidReason = createErrorFactory({
  code: 'moderation.invalid_reason',
  status: 400,
  message: 'Reasons have at most 500 characters.',
});

const userNotFound = createErrorFactory({
  code: 'users.not_found',
  status: 404,
  message: 'There is no such user.',
});

export const noSuchUser = (username: string) =>
  userNotFound({ message: `There is no user "${username.slice(0, 50)}".` });
