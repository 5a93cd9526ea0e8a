// Errors of organizations and paper attributions. Each code is declared once (core/errors.ts).
import { createErrorFactory } from '../core/errors.js';

export const orgNotFound = createErrorFactory({
  code: 'organizations.not_found',
  status: 404,
  message: 'There is no such organization.',
});

export const orgSlugTaken = createErrorFactory({
  code: 'organizations.slug_taken',
  status: 409,
  message: 'That address is taken by another organization; choose another one.',
});

export const orgInvalidInput = createErrorFactory({
  code: 'organizations.invalid_input',
  status: 400,
  message: 'Check the organization’s fields.',
});

export const orgForbidden = createErrorFactory({
  code: 'organizations.forbidden',
  status: 403,
  message: 'Only the organization’s admins can do that.',
});

export const orgLastAdmin = createErrorFactory({
  code: 'organizations.last_admin',
  status: 409,
  message: 'An organization keeps at least one admin: make someone else admin first.',
});

export const attributionForbidden = createErrorFactory({
  code: 'organizations.attribution_forbidden',
  status: 403,
  message: 'Only a member of the organization who submitted this paper or is its verified author can attribute it.',
});

export const attributionNotFound = createErrorFactory({
  code: 'organizations.attribution_not_found',
  status: 404,
  message: 'This paper is not attributed to an organization.',
});
