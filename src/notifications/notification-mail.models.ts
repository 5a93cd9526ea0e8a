import type { OutboxStatus } from '../digest/digest.models.js';

/** A row of the notification mail outbox: one mail to one user, carrying a batch of notifications. */
export interface NotificationMailRow {
  id: number;
  userId: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}
