// A tiny sentence-embedding model in the exact on-disk layout of a Hugging Face ONNX model folder
// (config.json, tokenizer.json, tokenizer_config.json, onnx/<file>.onnx), with seeded random weights.
// It proves loading, tokenising, pooling, normalising and storing end to end without any download.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../core/random.js';
import { encodeTinyOnnx, type TinyWeights } from './onnx-model.test-utils.js';

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
// Whole words a scientific abstract often contains; anything else falls back to letter pieces (WordPiece).
const WORDS = `the of and in to a is for with on that by we are this as be from an which at our
model models learning neural network networks data training language attention transformer token tokens
mixing layer layers state space sequence image images vision graph protein cell cells gene genes cancer
patients risk treatment clinical study results method methods performance task tasks deep large small
quantum energy field physics solar search retrieval paper papers embedding embeddings vector semantic
keyword query text abstract similar score scores mixture experts loss function optimization gradient
memory speed fast efficient linear nonlinear convolution recurrent augmentation mixup robust benchmark`
  .split(/\s+/)
  .filter(Boolean);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const PUNCT = '.,;:!?()[]{}-+=*/\\\'"$%&<>@#^_`|~'.split('');

export function tinyVocabulary(): string[] {
  const vocab = [...SPECIAL, ...PUNCT, ...LETTERS, ...LETTERS.map((c) => `##${c}`)];
  for (const w of WORDS) if (!vocab.includes(w)) vocab.push(w);
  return vocab;
}

export function tinyWeights({ vocabSize, hidden, seed }: { vocabSize: number; hidden: number; seed: number }) {
  const rnd = seededRandom(seed);
  const fill = (n: number, scale: number) => Float32Array.from({ length: n }, () => (rnd() * 2 - 1) * scale);
  return {
    vocabSize,
    hidden,
    wordEmbeddings: fill(vocabSize * hidden, 1),
    typeEmbeddings: fill(2 * hidden, 0.1),
    dense: fill(hidden * hidden, 1 / Math.sqrt(hidden)),
  } satisfies TinyWeights;
}

function tokenizerJson(vocab: string[]) {
  const id = (t: string) => vocab.indexOf(t);
  const special = (t: string) => ({ id: t, type_id: 0 });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
      ],
      pair: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

export interface TinyModel {
  dir: string;
  vocab: string[];
  weights: TinyWeights;
}

/** Writes the model folder; `onnxFile` names the weights file as the registry expects it (e.g. model_quantized.onnx). */
export function writeTinyModel({
  dir,
  hidden = 32,
  seed = 7,
  onnxFile = 'model.onnx',
  maxLength = 128,
}: {
  dir: string;
  hidden?: number;
  seed?: number;
  onnxFile?: string;
  maxLength?: number;
}): TinyModel {
  const vocab = tinyVocabulary();
  const weights = tinyWeights({ vocabSize: vocab.length, hidden, seed });
  mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  const json = (name: string, value: unknown) =>
    writeFileSync(path.join(dir, name), `${JSON.stringify(value, null, 1)}\n`);
  json('config.json', {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: hidden,
    vocab_size: vocab.length,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: hidden,
    max_position_embeddings: maxLength,
    type_vocab_size: 2,
  });
  json('tokenizer.json', tokenizerJson(vocab));
  json('tokenizer_config.json', {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: maxLength,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  });
  json('special_tokens_map.json', {
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  });
  writeFileSync(path.join(dir, 'onnx', onnxFile), encodeTinyOnnx(weights));
  return { dir, vocab, weights };
}
