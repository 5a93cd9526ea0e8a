// Writes the tiny test embedding model (random weights, real ONNX + tokenizer files) into a folder, with the
// manifest `models pull` would write, so it can be used as an installed model:
//
//   npx tsx scripts/make-tiny-model.ts DIR [--name tiny-test] [--pooling cls|mean] [--hidden 32] [--seed 7]
//   DAILYPAPERS_EMBEDDINGS_PROVIDER=onnx DAILYPAPERS_EMBEDDINGS_MODELS_DIR=DIR DAILYPAPERS_EMBEDDINGS_MODEL=tiny-test dailypapers embed
//
// The vectors mean nothing (the weights are random); the model exists to prove loading, tokenising, pooling
// and storage end to end without downloading anything. Tests generate it the same way.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MANIFEST_FILE, type ModelManifest } from '../src/embeddings/models.js';
import { writeTinyModel } from '../src/embeddings/tiny-model/tiny-model.test-utils.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string', default: 'tiny-test' },
    pooling: { type: 'string', default: 'cls' },
    hidden: { type: 'string', default: '32' },
    seed: { type: 'string', default: '7' },
  },
});
const modelsDir = positionals[0];
const hidden = Number(values.hidden);
if (!modelsDir || !['cls', 'mean'].includes(values.pooling) || !(Number.isInteger(hidden) && hidden > 0)) {
  process.stderr.write(
    'usage: make-tiny-model.ts MODELS_DIR [--name NAME] [--pooling cls|mean] [--hidden N] [--seed N]\n',
  );
  process.exit(2);
}
const dir = path.join(modelsDir, values.name);
writeTinyModel({ dir, hidden, seed: Number(values.seed) });
const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
const manifest: ModelManifest = {
  name: values.name,
  repo: `local/${values.name}`,
  revision: 'generated',
  license: 'MIT',
  dtype: 'fp32',
  pooling: values.pooling as 'cls' | 'mean',
  dimensions: hidden,
  queryPrefix: '',
  documentPrefix: '',
  files,
  installedAt: new Date().toISOString(),
  sha256: Object.fromEntries(
    files.map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  ),
};
writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`tiny model written to ${dir} (${hidden} dims, ${values.pooling} pooling)\n`);
