import { describe, expect, it } from 'vitest';
import { localRedirectTarget } from './redirect-target.js';

describe('redirect targets', () => {
  it.each([
    ['/papers?date=2024-01-01#top', '/papers?date=2024-01-01#top'],
    ['/∕∕evil.example', '/%E2%88%95%E2%88%95evil.example'],
    ['/∕x', '/%E2%88%95x'],
    ['/é', '/%C3%A9'],
    ['/search?q=état de l’art', '/search?q=%C3%A9tat%20de%20l%E2%80%99art'],
    ['/a b', '/a%20b'],
    ['/a/../b', '/b'],
  ])('keeps the same-site path %s, percent-encoded', (input, expected) => {
    expect(localRedirectTarget(input)).toBe(expected);
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/.//evil.example',
    '/x/..//evil.example',
    'https://evil.example/',
    'evil.example',
    '/ok\nSet-Cookie: x=1',
    '/tab\there',
    `/${'a'.repeat(2000)}`,
    '',
  ])('refuses %j, which is not a path on this site', (input) => {
    expect(localRedirectTarget(input)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(localRedirectTarget(undefined)).toBeNull();
    expect(localRedirectTarget(['/'])).toBeNull();
  });
});
