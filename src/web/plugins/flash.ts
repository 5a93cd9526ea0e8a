// One-shot messages across a redirect ("Comment posted"), for the no-JavaScript form flow: a short-lived signed
// cookie, read and cleared by the next page.
import './request-context.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Flash {
  kind: 'success' | 'error' | 'info';
  text: string;
}

const FLASH_COOKIE = 'dp_flash';

export function setFlash(reply: FastifyReply, flash: Flash): void {
  const value = JSON.stringify({ kind: flash.kind, text: flash.text.slice(0, 500) });
  reply.setCookie(FLASH_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 120 });
}

export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
  const cookie = request.cookies[FLASH_COOKIE];
  if (!cookie) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(cookie);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const parsed = JSON.parse(unsigned.value) as Partial<Flash>;
    const kind = parsed.kind === 'error' || parsed.kind === 'info' ? parsed.kind : 'success';
    return typeof parsed.text === 'string' ? { kind, text: parsed.text } : null;
  } catch {
    return null;
  }
}

/** Answers a form post: flash, then 303 back to a page (so a reload does not post again). */
export function redirectWithFlash(reply: FastifyReply, to: string, flash: Flash) {
  setFlash(reply, flash);
  return reply.redirect(to, 303);
}
