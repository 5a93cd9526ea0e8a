import type { Command } from 'commander';
import { findModelSpec, MODEL_REGISTRY, modelDir, readManifest } from '../../embeddings/models.js';
import { modelsDirOf } from '../../embeddings/provider-options.js';
import { pullModel, verifyModel } from '../../embeddings/pull.js';
import { CliExit, loadCliConfig } from '../bootstrap.js';
import { onInterrupt } from '../interrupt.js';
import { createProgressReporter, formatBytes } from '../progress.js';

export function registerModelsCommand(program: Command) {
  const models = program.command('models').description('local embedding models for semantic search (onnx provider)');

  models
    .command('list')
    .description('known models and whether they are installed in the models directory')
    .action(() => {
      const config = loadCliConfig(program.opts());
      const modelsDir = modelsDirOf(config);
      process.stdout.write(`models directory: ${modelsDir}\n`);
      for (const spec of MODEL_REGISTRY) {
        const installed = readManifest({ modelsDir, name: spec.name });
        const state = installed ? `installed ${installed.installedAt.slice(0, 10)}` : 'not installed';
        const active =
          config.embeddings.provider === 'onnx' && config.embeddings.model === spec.name ? ' (configured)' : '';
        process.stdout.write(
          `${spec.name.padEnd(20)} ${String(spec.dimensions).padStart(4)} dims  ${spec.pooling.padEnd(4)} pooling  ${spec.license.padEnd(10)} ${state}${active}\n`,
        );
      }
    });

  models
    .command('pull')
    .argument('<name>', `model to download: ${MODEL_REGISTRY.map((m) => m.name).join(', ')}`)
    .option('--force', 'download again even when installed')
    .description('download a model once from the Hugging Face hub (embeddings.hubUrl) into the models directory')
    .action(async (name: string, opts: { force?: boolean }) => {
      const config = loadCliConfig(program.opts());
      const spec = findModelSpec(name);
      if (!spec) {
        throw new CliExit(
          2,
          `error: unknown model "${name}"; known models: ${MODEL_REGISTRY.map((m) => m.name).join(', ')}`,
        );
      }
      const modelsDir = modelsDirOf(config);
      const controller = new AbortController();
      const stop = onInterrupt(() => controller.abort());
      let bar: ReturnType<typeof createProgressReporter> | null = null;
      let current = '';
      try {
        const result = await pullModel({
          spec,
          modelsDir,
          hubUrl: config.embeddings.hubUrl,
          force: opts.force,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.file !== current) {
              bar?.stop();
              current = p.file;
              bar = createProgressReporter({ label: p.file, total: p.totalBytes ?? undefined, unit: 'bytes' });
            }
            bar?.update(p.bytes, { size: formatBytes(p.bytes) });
          },
        });
        (bar as ReturnType<typeof createProgressReporter> | null)?.stop();
        process.stdout.write(
          result.downloaded
            ? `${name} installed in ${result.dir}\n`
            : `${name} is already installed in ${result.dir} (use --force to download again)\n`,
        );
        if (config.embeddings.provider !== 'onnx' || config.embeddings.model !== name) {
          process.stdout.write(
            `to use it: DAILYPAPERS_EMBEDDINGS_PROVIDER=onnx DAILYPAPERS_EMBEDDINGS_MODEL=${name}, then \`dailypapers embed\`\n`,
          );
        }
      } catch (error) {
        if (controller.signal.aborted)
          throw new CliExit(130, 'interrupted: the model is not installed; run the pull again');
        throw error;
      } finally {
        stop();
      }
    });

  models
    .command('verify')
    .argument('<name>', 'installed model')
    .description('check that the files of an installed (or copied) model are complete and unchanged')
    .action(async (name: string) => {
      const config = loadCliConfig(program.opts());
      const modelsDir = modelsDirOf(config);
      const manifest = readManifest({ modelsDir, name });
      if (!manifest) throw new CliExit(1, `error: ${name} is not installed in ${modelsDir}`);
      const problems = await verifyModel({ dir: modelDir({ modelsDir, name }), manifest });
      if (problems.length > 0) throw new CliExit(1, `error: ${name}: ${problems.join('; ')}`);
      process.stdout.write(`${name}: ${Object.keys(manifest.sha256).length} files complete and unchanged\n`);
    });
}
