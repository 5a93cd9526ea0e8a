// The recent corpus (IDF statistics and the pool negatives are sampled from), computed once a day per process and
// store: For-you, the explanations and "more like this collection" all read it on requests.
import type { Store } from '../../store/store.js';
import { loadRecCorpus, type RecCorpus } from './train.usecases.js';

const corpora = new WeakMap<Store, { day: string; corpus: Promise<RecCorpus> }>();

export function corpusFor(store: Store, today: string): Promise<RecCorpus> {
  const cached = corpora.get(store);
  if (cached?.day === today) return cached.corpus;
  const corpus = loadRecCorpus({ store, today });
  corpora.set(store, { day: today, corpus });
  corpus.catch(() => corpora.delete(store));
  return corpus;
}
