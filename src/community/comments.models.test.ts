import { describe, expect, it } from 'vitest';
import type { StoredComment } from './comments.models.js';
import { buildThread } from './comments.models.js';
import type { Viewer } from './viewer.models.js';

let nextId = 1;
function comment(over: Partial<StoredComment>): StoredComment {
  const id = over.id ?? nextId++;
  return {
    id,
    paperId: 1,
    userId: 1,
    username: 'ada',
    parentId: null,
    body: `comment ${id}`,
    createdAt: '2024-05-01T00:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    hidden: false,
    hiddenReason: null,
    ...over,
  };
}
const viewer = (id: number, role: Viewer['role'] = 'user'): Viewer => ({
  id,
  username: `u${id}`,
  role,
  emailVerified: true,
  suspended: false,
});

describe('comment threads', () => {
  const root = comment({ id: 1, userId: 1 });
  const reply = comment({ id: 2, userId: 2, parentId: 1 });
  const nested = comment({ id: 3, userId: 1, parentId: 2 });

  it('nests replies under their parents and counts visible comments', () => {
    const thread = buildThread({ comments: [root, reply, nested], viewer: null });
    expect(thread.count).toBe(3);
    expect(thread.roots[0]!.children[0]!.children[0]!.id).toBe(3);
  });

  it('keeps a deleted comment with replies as a text-less placeholder, and drops one without', () => {
    const deletedRoot = { ...root, deletedAt: '2024-05-02T00:00:00.000Z', body: '' };
    const lonely = comment({ id: 9, deletedAt: '2024-05-02T00:00:00.000Z', body: '' });
    const thread = buildThread({ comments: [deletedRoot, reply, lonely], viewer: viewer(1) });
    expect(thread.roots.map((n) => [n.id, n.state])).toEqual([[1, 'deleted']]);
    expect(thread.roots[0]!).toMatchObject({ body: '', canEdit: false, canDelete: false });
    expect(thread.count).toBe(1);
  });

  it('shows a hidden comment only to its author and moderators; others see nothing or a placeholder', () => {
    const hidden = { ...reply, hidden: true, hiddenReason: 'spam' };
    const forAuthor = buildThread({ comments: [root, hidden], viewer: viewer(2) });
    expect(forAuthor.roots[0]!.children[0]).toMatchObject({ state: 'hidden', body: 'comment 2', hiddenReason: 'spam' });
    const forModerator = buildThread({ comments: [root, hidden], viewer: viewer(7, 'moderator') });
    expect(forModerator.roots[0]!.children[0]).toMatchObject({ state: 'hidden', canModerate: true });
    const forOthers = buildThread({ comments: [root, hidden, nested], viewer: viewer(5) });
    expect(forOthers.roots[0]!.children[0]).toMatchObject({ state: 'removed', body: '', hiddenReason: null });
    expect(buildThread({ comments: [root, hidden], viewer: null }).roots[0]!.children).toEqual([]);
    expect(forOthers.count).toBe(2);
  });

  it('offers edit and delete on own comments only, and marks verified authors', () => {
    const thread = buildThread({ comments: [root, reply], viewer: viewer(2), authorIds: new Set([1]) });
    expect(thread.roots[0]).toMatchObject({ canEdit: false, canDelete: false, byAuthor: true });
    expect(thread.roots[0]!.children[0]).toMatchObject({ canEdit: true, canDelete: true, byAuthor: false });
  });
});
