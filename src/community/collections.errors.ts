// Errors of collections. Each code is declared once (core/errors.ts).
import { createErrorFactory } from '../core/errors.js';

export const collectionInvalid = createErrorFactory({
  code: 'collections.invalid_input',
  status: 400,
  message: 'That is not a valid collection.',
});

export const collectionNotFound = createErrorFactory({
  code: 'collections.not_found',
  status: 404,
  message: 'There is no such collection, or it is private.',
});

export const collectionForbidden = createErrorFactory({
  code: 'collections.forbidden',
  status: 403,
  message: 'Only the owner can change this collection.',
});

const nameTaken = createErrorFactory({
  code: 'collections.name_taken',
  status: 409,
  message: 'You already have a collection of that name.',
});

export const collectionNameTaken = (name: string) =>
  nameTaken({ message: `You already have a collection named "${name}".` });
