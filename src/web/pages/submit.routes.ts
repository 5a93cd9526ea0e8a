// The submit page: GET /submit shows the form, POST /submit lists a paper today (or shows the form again with the
// refusal and the typed id kept).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RetryLaterError } from '../../community/community.errors.js';
import { parseInput } from '../../community/community.schemas.js';
import { DuplicateSubmissionError, submissionIdInvalid } from '../../community/submissions.errors.js';
import { submittedIdSchema } from '../../community/submissions.schemas.js';
import { submitPaper } from '../../community/submissions.usecases.js';
import { requireViewer, requireWriter } from '../../community/viewer.models.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { refusalToShow, renderRefusal } from '../form-refusal.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { submitPage } from '../views/submit-page.js';
import { field, membersOnly, sendHtml } from './community-http.js';

interface SubmitRouteDeps {
  services: Services;
  limiters: Limiters;
}

async function submitForm(
  { services }: SubmitRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: { value?: string; error?: string; existing?: string | null } = {},
) {
  const { maxPaperAgeDays, submissionsPerDay } = services.config.community;
  return submitPage({
    chrome: await pageChrome(request, reply, services),
    maxPaperAgeDays,
    submissionsPerDay,
    value: extra.value,
    error: extra.error,
    existingArxivId: extra.existing,
    waiting: await services.submissionCalendar.papersAwaiting(),
  });
}

export function setupSubmitPageRoute(app: FastifyInstance, deps: SubmitRouteDeps) {
  app.get('/submit', { config: membersOnly }, async (request, reply) => {
    requireViewer(request.viewer);
    return sendHtml(reply, await submitForm(deps, request, reply));
  });
}

export function setupSubmitRoute(app: FastifyInstance, deps: SubmitRouteDeps) {
  const { services, limiters } = deps;
  const { config } = services;
  app.post('/submit', { config: membersOnly, preHandler: limiters.submission }, async (request, reply) => {
    const value = field(request, 'arxivId');
    try {
      const viewer = requireWriter(request.viewer, config.community);
      const arxivId = parseInput(submittedIdSchema, value, submissionIdInvalid.code);
      const { paper } = await submitPaper({
        store: services.store,
        arxiv: services.arxivLookup,
        gates: config.community,
        calendar: services.submissionCalendar,
        viewer,
        arxivId,
      });
      return redirectWithFlash(reply, paperPath(paper.arxivId), {
        kind: 'success',
        text: `Submitted: ${paper.arxivId} is on today's list.`,
      });
    } catch (error) {
      // "arXiv is unreachable" and "queued, try again in N s" are shown on the form too (with Retry-After), the
      // typed id kept.
      const refusal = refusalToShow(error, {
        alsoShow: (e) => e.status === 502 || e instanceof RetryLaterError,
      });
      const existing = refusal instanceof DuplicateSubmissionError && !refusal.hidden ? refusal.arxivId : null;
      const page = await submitForm(deps, request, reply, { value, error: refusal.message, existing });
      return renderRefusal(reply, refusal, page);
    }
  });
}
