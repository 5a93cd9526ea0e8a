// The links form and POST /api/papers/{id}/links share these schemas. A link is an https:// URL of at most
// MAX_URL characters, with a host name and no user name or password in it; `javascript:`, `data:`, `http:` and
// the rest are refused with a message saying so. An empty field clears the link (the abstract's link is shown
// again); a field left out of a JSON body leaves it as it is.
import { z } from 'zod';
import { linksInvalid } from './paper-links.errors.js';
import { EXTRA_LINK_KINDS } from './paper-links.models.js';

const MAX_URL = 500;
const MAX_EXTRA_LINKS = 10;

const INVALID = linksInvalid.code;

/** The normalised https URL, or a refusal naming the problem. */
export function checkHttpsUrl(text: string): { url: string } | { problem: string } {
  if (text.length > MAX_URL) return { problem: `Links have at most ${MAX_URL} characters.` };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return { problem: 'Links cannot contain spaces or control characters.' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'https')
    return { problem: `Only https:// links are accepted; "${scheme}:" links are refused.` };
  if (!scheme) return { problem: `"${text.slice(0, 60)}" is not a link: links start with https://.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `"${text.slice(0, 60)}" is not a valid link.` };
  }
  if (url.username || url.password) return { problem: 'Links cannot carry a user name or password.' };
  if (!url.hostname.includes('.') || url.hostname.endsWith('.'))
    return { problem: `"${url.hostname.slice(0, 60)}" is not a public host name.` };
  return { url: url.href };
}

/** One link field: a valid https URL, or null for an empty field. */
const linkFieldSchema = z
  .string()
  .trim()
  .max(MAX_URL + 100, `Links have at most ${MAX_URL} characters.`)
  .transform((text, ctx) => {
    if (text === '') return null;
    const checked = checkHttpsUrl(text);
    if ('url' in checked) return checked.url;
    ctx.addIssue({ code: 'custom', message: checked.problem, params: { code: INVALID } });
    return z.NEVER;
  })
  .meta({ description: 'An https:// URL; empty or null clears it', maxLength: MAX_URL });

const extraLinkSchema = z.object({
  kind: z.enum(EXTRA_LINK_KINDS),
  url: linkFieldSchema.refine((url) => url !== null, { message: 'A further link needs a URL.' }),
});

/** The body of POST /api/papers/{id}/links, named as the hub names the fields of a paper. */
export const paperLinksBodySchema = z
  .object({
    githubRepo: linkFieldSchema.nullable().optional().describe('Code repository (any host, https)'),
    projectPage: linkFieldSchema.nullable().optional(),
    links: z
      .array(extraLinkSchema)
      .max(MAX_EXTRA_LINKS, `At most ${MAX_EXTRA_LINKS} further links.`)
      .optional()
      .describe('Further links (dataset, model, demo); replaces the earlier list'),
  })
  .strict();

/** A textarea of further links of one kind, one URL per line (blank lines ignored). */
const urlLinesSchema = z
  .string()
  .max(MAX_EXTRA_LINKS * (MAX_URL + 2), 'Too many further links.')
  .default('')
  .transform((text, ctx) => {
    const urls: string[] = [];
    for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
      if (line === '') continue;
      const checked = checkHttpsUrl(line);
      if ('problem' in checked) {
        ctx.addIssue({ code: 'custom', message: checked.problem, params: { code: INVALID } });
        return z.NEVER;
      }
      urls.push(checked.url);
    }
    return urls;
  });

/** The paper page's form: one field per link, the further ones one URL per line. */
export const paperLinksFormSchema = z
  .object({
    codeUrl: linkFieldSchema.default(''),
    projectUrl: linkFieldSchema.default(''),
    dataset: urlLinesSchema,
    model: urlLinesSchema,
    demo: urlLinesSchema,
  })
  .transform((form, ctx) => {
    const links = EXTRA_LINK_KINDS.flatMap((kind) => form[kind].map((url) => ({ kind, url })));
    if (links.length > MAX_EXTRA_LINKS) {
      ctx.addIssue({ code: 'custom', message: `At most ${MAX_EXTRA_LINKS} further links.`, params: { code: INVALID } });
      return z.NEVER;
    }
    return { githubRepo: form.codeUrl, projectPage: form.projectUrl, links };
  });

export type PaperLinksChange = z.output<typeof paperLinksBodySchema>;
