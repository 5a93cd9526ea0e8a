import { describe, expect, it } from 'vitest';
import { alertMeControl, digestFooter } from './digest-subscribe-form.js';
import type { ChromeVM } from './view-models.js';

const signedOut: ChromeVM = { user: null, csrfToken: null };
const signedIn: ChromeVM = { user: { username: 'ada' }, csrfToken: 'tok' };

describe('digest view pieces', () => {
  it('the footer offers readers the subscribe form and signed-in readers their settings and "For you"', () => {
    expect(digestFooter(signedOut).toString()).toContain('action="/digest/subscribe"');
    const mine = digestFooter(signedIn).toString();
    expect(mine).toContain('href="/settings/digest"');
    expect(mine).toContain('href="/for-you"');
    expect(mine).not.toContain('<form');
  });

  it('"alert me" posts the search (escaped) for accounts and links to the subscribe page for others', () => {
    const query = 'moe "routing" <b>';
    const form = alertMeControl({
      chrome: signedIn,
      query,
      category: 'cs.LG',
      hasCode: true,
      back: '/search?q=moe',
    }).toString();
    expect(form).toContain('action="/settings/digest/searches"');
    expect(form).toContain('name="_csrf" value="tok"');
    expect(form).toContain('value="moe &quot;routing&quot; &lt;b&gt;"');
    expect(form).toContain('name="hasCode" value="on"');
    const link = alertMeControl({ chrome: signedOut, query, category: 'cs.LG', back: '/search' }).toString();
    expect(link).toContain('href="/digest/subscribe?q=moe+%22routing%22+%3Cb%3E&amp;category=cs.LG"');
    expect(alertMeControl({ chrome: signedIn, query: '  ', back: '/' }).toString()).toBe('');
  });
});
