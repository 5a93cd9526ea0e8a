// Errors of votes. Each code is declared once (core/errors.ts).
import { createErrorFactory } from '../core/errors.js';

const notListed = createErrorFactory({
  code: 'votes.not_listed',
  status: 404,
  message: 'That paper is not on the list, so it cannot be upvoted.',
});

export const voteNotListed = (arxivId: string) =>
  notListed({ message: `Paper ${arxivId} is not on the list, so it cannot be upvoted.` });
