// An organization's avatar without an upload: its initials on a colour picked from its slug, as an SVG. The same
// slug always gives the same picture (every process, every restart), so the image can be cached for long.
import { createHash } from 'node:crypto';
import { html } from '../render/html.js';

/** Up to two initials: the first letters of the first two words ("Vision Lab" → "VL", "deepmind" → "DE"). */
function initialsOf(name: string): string {
  const words = name.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return '?';
  const letters = words.length === 1 ? [...words[0]!].slice(0, 2) : [[...words[0]!][0]!, [...words[1]!][0]!];
  return letters.join('').toLocaleUpperCase('en');
}

/** A hue from the slug's hash; saturation and lightness fixed so white initials always read (contrast ≥ 4.5). */
function avatarHue(slug: string): number {
  return createHash('sha256').update(slug).digest().readUInt16BE(0) % 360;
}

export function organizationAvatarSvg(org: { slug: string; name: string }): string {
  const hue = avatarHue(org.slug);
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img" aria-label="${org.name}">
<rect width="64" height="64" rx="12" fill="hsl(${hue}, 55%, 32%)"/>
<text x="32" y="41" text-anchor="middle" font-family="system-ui, sans-serif" font-size="26" font-weight="600" fill="#fff">${initialsOf(org.name)}</text>
</svg>`.toString();
}
