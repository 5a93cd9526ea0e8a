import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError, createErrorFactory } from '../core/errors.js';
import { type Setting, type SettingsTree, settings } from './settings.js';

type ValueOf<T> = T extends Setting<infer V> ? V : { [K in keyof T]: ValueOf<T[K]> };
export type Config = ValueOf<SettingsTree>;

// A bad setting stops start-up (the CLI exits 2 naming it); as an AppError it is ours, not a user's: 500.
const invalidConfig = createErrorFactory({ code: 'config.invalid', status: 500, message: 'Invalid configuration.' });

export class ConfigError extends AppError {
  constructor(message: string) {
    super(invalidConfig.code, invalidConfig.status, message);
  }
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Optional JSON config file; defaults to $DAILYPAPERS_CONFIG, then ./dailypapers.config.json when present. */
  file?: string;
  /** Values from command-line flags, by setting path ("server.port"); they win over everything. */
  overrides?: Record<string, unknown>;
}

interface Leaf {
  path: string;
  setting: Setting<unknown>;
}

export function envNameOf(settingPath: string): string {
  return `DAILYPAPERS_${settingPath
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase())
    .join('_')}`;
}

export function listSettings(tree: object = settings, prefix = ''): Leaf[] {
  return Object.entries(tree).flatMap(([key, node]) => {
    const p = prefix ? `${prefix}.${key}` : key;
    return isSetting(node) ? [{ path: p, setting: node }] : listSettings(node as object, p);
  });
}

function isSetting(node: unknown): node is Setting<unknown> {
  return typeof node === 'object' && node !== null && 'schema' in node && 'doc' in node;
}

/** Builds the effective configuration: defaults < config file < environment < overrides. Throws ConfigError naming the bad setting. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const fileValues = readConfigFile(options.file ?? env.DAILYPAPERS_CONFIG);
  const result: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const { path: p, setting } of listSettings()) {
    const [raw, source] = pickRaw(p, setting, env, fileValues, options.overrides ?? {});
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) setPath(result, p, parsed.data);
    else
      problems.push(
        `${p} (from ${source}): ${parsed.error.issues[0]?.message ?? 'invalid'}; got ${JSON.stringify(raw)}`,
      );
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return result as Config;
}

function pickRaw(
  p: string,
  setting: Setting<unknown>,
  env: NodeJS.ProcessEnv,
  fileValues: Record<string, unknown>,
  overrides: Record<string, unknown>,
): [unknown, string] {
  if (overrides[p] !== undefined) return [overrides[p], 'command line'];
  const names = [envNameOf(p), ...(setting.aliases ?? [])];
  for (const name of names) {
    if (env[name] !== undefined && (env[name] !== '' || setting.emptyIsValue)) return [env[name], name];
    const fileName = env[`${name}_FILE`];
    if (setting.secret && fileName) return [readFileSync(fileName, 'utf8').trim(), `${name}_FILE`];
  }
  const fromFile = getPath(fileValues, p);
  if (fromFile !== undefined) return [fromFile, 'config file'];
  return [setting.default, 'default'];
}

function readConfigFile(file: string | undefined): Record<string, unknown> {
  const candidate = file ?? (existsSync('dailypapers.config.json') ? 'dailypapers.config.json' : undefined);
  if (!candidate) return {};
  try {
    return JSON.parse(readFileSync(path.resolve(candidate), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${candidate}: ${(error as Error).message}`);
  }
}

function getPath(obj: Record<string, unknown>, p: string): unknown {
  return p.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], obj);
}

function setPath(obj: Record<string, unknown>, p: string, value: unknown): void {
  const keys = p.split('.');
  let node = obj;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** The effective configuration with secrets replaced, for `config show`. */
export function redactedConfig(config: Config): Array<{ path: string; env: string; value: unknown; doc: string }> {
  return listSettings().map(({ path: p, setting }) => {
    const value = getPath(config as unknown as Record<string, unknown>, p);
    return {
      path: p,
      env: envNameOf(p),
      value: setting.secret && value ? redact(p, String(value)) : value,
      doc: setting.doc,
    };
  });
}

function redact(p: string, value: string): string {
  // Keep the scheme and host of a database URL visible: operators need to see *which* database is used.
  if (p === 'database.url') return value.replace(/\/\/([^@/]*)@/, '//***@');
  return '***';
}
