// One call for a page's follow button: asks whether the reader follows the target and renders the control.
import type { FastifyRequest } from 'fastify';
import type { FollowTarget } from '../../follows/follows.models.js';
import { isFollowing } from '../../follows/follows.usecases.js';
import type { SafeHtml } from '../../render/html.js';
import type { Services } from '../../services.js';
import { followButton } from '../views/follow-button.js';
import type { ChromeVM } from '../views/view-models.js';

export async function followControl(opts: {
  request: FastifyRequest;
  services: Services;
  chrome: ChromeVM;
  target: FollowTarget;
  name: string;
}): Promise<SafeHtml> {
  const following = await isFollowing(opts.services.store, opts.request.viewer, opts.target);
  return followButton({ chrome: opts.chrome, target: opts.target, following, name: opts.name });
}
