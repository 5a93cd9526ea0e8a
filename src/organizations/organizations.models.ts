// Organizations' plain types (see organizations.usecases.ts and store/organizations.repository.ts).

export type OrgRole = 'admin' | 'member';

export interface Organization {
  id: number;
  /** The /orgs/{slug} address: lower-case letters, digits and single '-'. */
  slug: string;
  name: string;
  description: string;
  createdAt: string;
}

export interface OrgMember {
  userId: number;
  username: string;
  role: OrgRole;
  addedAt: string;
}

/** What a card, a paper page and the HF-shaped API show of a paper's organization. */
export interface OrgBadge {
  slug: string;
  name: string;
}

export interface PaperAttribution {
  organization: Organization;
  attributedBy: string | null;
  attributedAt: string;
}

/** The address of an organization's page, its avatar and its feeds. */
export const orgPath = (slug: string) => `/orgs/${encodeURIComponent(slug)}`;
export const orgAvatarPath = (slug: string) => `${orgPath(slug)}/avatar.svg`;
