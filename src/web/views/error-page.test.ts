import { describe, expect, it } from 'vitest';
import { errorPage } from './error-page.js';

describe('error page', () => {
  it('shows the status, title, message and request id with a link home', () => {
    const out = errorPage({
      status: 404,
      title: 'Not found',
      message: 'There is no paper 9999.99999.',
      requestId: 'req-7',
    }).toString();
    expect(out).toContain('<title>Not found · dailypapers</title>');
    expect(out).toContain('<p class="error-status">404</p>');
    expect(out).toContain('There is no paper 9999.99999.');
    expect(out).toContain('<code>req-7</code>');
    expect(out).toContain('<a class="button button-primary" href="/">');
  });

  it('escapes a message that echoes the request', () => {
    const out = errorPage({
      status: 400,
      title: 'Bad request',
      message: 'No page at /<script>alert(1)</script>',
    }).toString();
    expect(out).not.toContain('<script>alert');
    expect(out).toContain('/&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders a signed-out header when no request context is available', () => {
    const out = errorPage({ status: 500, title: 'Server error', message: 'Something went wrong.' }).toString();
    expect(out).toContain('href="/login">Sign in</a>');
    expect(out).not.toContain('Request id');
  });
});
