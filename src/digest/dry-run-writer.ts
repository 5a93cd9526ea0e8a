// `digest run --dry-run`: the mails a run would send, written as files (HTML to open in a browser, the text part,
// and the headers) instead of being sent; nothing is written to the database.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuiltDigest, Subscription } from './digest.models.js';
import type { DigestComposer } from './digest-mail.js';

export function createDryRunWriter(opts: { dir: string; composer: DigestComposer }) {
  let written = 0;
  return {
    get written() {
      return written;
    },
    async writePage(page: Array<{ digest: BuiltDigest; subscription: Subscription }>): Promise<void> {
      for (const { digest, subscription } of page) {
        if (digest.status === 'skipped') continue;
        const mail = await opts.composer.compose({
          outboxId: null,
          subscription,
          periodKey: digest.periodKey,
          content: digest.content,
        });
        const folder = path.join(opts.dir, digest.periodKey.replace(':', '-'));
        mkdirSync(folder, { recursive: true });
        const base = path.join(folder, `${subscription.id}-${subscription.email.replace(/[^a-zA-Z0-9@._-]/g, '_')}`);
        writeFileSync(`${base}.html`, mail.html ?? '');
        writeFileSync(`${base}.txt`, mail.text);
        writeFileSync(
          `${base}.headers.json`,
          `${JSON.stringify({ to: mail.to, subject: mail.subject, ...mail.headers }, null, 2)}\n`,
        );
        written++;
      }
    },
  };
}
