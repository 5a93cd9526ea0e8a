// Why a summary could not be written. `transient` failures (rate limits, server errors, timeouts, unreadable
// answers, a rejected key) stop the run and are asked again later; a `refused` abstract (any other 4xx, e.g. one
// too long for the model) is recorded and not sent again until it changes.
import { createErrorFactory } from '../core/errors.js';

export const summaryEndpointFailed = createErrorFactory({
  code: 'summaries.endpoint_failed',
  status: 502,
  message: 'The summary endpoint failed; the job tries again on its next run.',
});

export const summaryRefused = createErrorFactory({
  code: 'summaries.refused',
  status: 502,
  message: 'The summary endpoint refused this abstract.',
});

export const summariesNotConfigured = createErrorFactory({
  code: 'summaries.not_configured',
  status: 500,
  message: 'No summary provider is configured (summaries.provider=none, or no summaries.httpUrl/httpModel).',
});
