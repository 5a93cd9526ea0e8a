// POST /recommendations/not-interested: the "Not interested" button on every recommendation card (state=on) and
// its undo (state=off), a plain form with the CSRF token. Marking sends the reader back to the list with the
// paper gone and an "Undo" offered (`?undo=`); undoing sends them back to where the paper is again.
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../community/community.schemas.js';
import { requireViewer } from '../../community/viewer.models.js';
import { FEEDBACK_INVALID, notInterestedFormSchema } from '../../digest/recommend/feedback.schemas.js';
import { setNotInterested } from '../../digest/recommend/feedback.usecases.js';
import type { Services } from '../../services.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { backPath } from '../plugins/request-context.js';
import { cardAnchor, oneLine } from '../views/paper-card.js';
import { NOT_INTERESTED_ACTION } from '../views/recommendation-extras.js';
import { membersOnly } from './community-http.js';

export function setupNotInterestedRoute(app: FastifyInstance, services: Services) {
  app.post(NOT_INTERESTED_ACTION, { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const input = parseInput(notInterestedFormSchema, request.body, FEEDBACK_INVALID);
    const result = await setNotInterested({
      store: services.store,
      userId: viewer.id,
      paper: input.paper,
      notInterested: input.state === 'on',
    });
    const list = backPath(request, '/for-you').replace(/[?#].*$/, '') || '/for-you';
    const { arxivId, title } = result.paper;
    if (result.notInterested) return reply.redirect(`${list}?undo=${encodeURIComponent(arxivId)}`, 303);
    return redirectWithFlash(reply, `${list}#${cardAnchor(arxivId)}`, {
      kind: 'success',
      text: `“${oneLine(title)}” can be recommended to you again.`,
    });
  });
}
