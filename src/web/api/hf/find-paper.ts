// The paper of an HF-shaped request, shared by the paper API, its thumbnail and the Markdown page.
import { paperIdInvalid, paperNotFound } from '../../../papers/papers.errors.js';
import { getPaper } from '../../../papers/papers.usecases.js';
import type { Services } from '../../../services.js';

/**
 * The paper by any accepted id form. HF answers 404 for ids that cannot exist (its client test expects 404
 * for "1234.56789"), so malformed ids are "not found" here rather than 400 as on /api/v1.
 */
export async function findPaperOr404({ services, idText }: { services: Services; idText: string }) {
  try {
    return await getPaper(services.store, idText);
  } catch (error) {
    if (paperIdInvalid.is(error))
      throw paperNotFound({ message: `There is no paper with id "${idText.slice(0, 100)}"` });
    throw error;
  }
}
