// Moderation's plain types: the audit log every moderation action writes (see moderation.usecases.ts).

export interface AuditEntry {
  actorId: number | null;
  /** e.g. listing.hide, comment.unhide, user.suspend, user.role, claim.approve, user.create. */
  action: string;
  targetType: 'listing' | 'comment' | 'user' | 'claim';
  targetId: string;
  reason: string | null;
}

export interface StoredAuditEntry extends AuditEntry {
  id: number;
  actor: string | null;
  createdAt: string;
}
