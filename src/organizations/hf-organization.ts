// A paper's organization in the Hugging Face papers API's shape (../shared/data/hf-daily-papers/SHAPES.md: the
// `organization` of a paper and of a daily item is `{_id, name, fullname, avatar}`; huggingface_hub's
// Organization reads `name`, `fullname` and `avatarUrl`, the paper payloads send `avatar`). The one function the
// HF mapping (web/api/hf/hf.models.ts) calls; absent when the paper has no organization.
import { createHash } from 'node:crypto';
import { type OrgBadge, orgAvatarPath } from './organizations.models.js';

export interface HfOrganization {
  _id: string;
  /** The slug, as HF's `name` is the organization's handle ("caltech"). */
  name: string;
  /** The display name ("California Institute of Technology"). */
  fullname: string;
  /** Absolute URL of the generated avatar. */
  avatar: string;
}

export function hfOrganization(org: OrgBadge | undefined, origin: string): HfOrganization | undefined {
  if (!org) return undefined;
  return {
    // 24 hex digits like the ObjectIds HF sends, stable per slug (as hf.models.ts makes the others).
    _id: createHash('sha1').update(`organization:${org.slug}`).digest('hex').slice(0, 24),
    name: org.slug,
    fullname: org.name,
    avatar: `${origin}${orgAvatarPath(org.slug)}`,
  };
}
