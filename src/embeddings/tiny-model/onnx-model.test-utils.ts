// Writes a small but genuine ONNX model (ModelProto, opset 13) with the inputs and output of a BERT-style
// sentence encoder: input_ids, attention_mask, token_type_ids → last_hidden_state [batch, seq, hidden].
// Each token's state is its word embedding plus its type embedding plus the masked mean of the sequence,
// through one dense layer and tanh — so the first ([CLS]) state depends on the whole text, padding does
// not change any real token's state, and CLS and mean pooling give different vectors.
import { bytesField, concat, type Field, intField, messageField, stringField } from './protobuf.test-utils.js';

const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;

export interface TinyWeights {
  vocabSize: number;
  hidden: number;
  /** vocabSize × hidden, row-major. */
  wordEmbeddings: Float32Array;
  /** 2 × hidden. */
  typeEmbeddings: Float32Array;
  /** hidden × hidden, row-major (x · W). */
  dense: Float32Array;
}

function tensor(name: string, dims: number[], dataType: number, raw: Uint8Array): Field[] {
  return [...dims.map((d) => intField(1, d)), intField(2, dataType), stringField(8, name), bytesField(9, raw)];
}

const floatTensor = (name: string, dims: number[], data: Float32Array) =>
  tensor(name, dims, FLOAT, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));

const int64Tensor = (name: string, values: number[]) =>
  tensor(name, [values.length], INT64, new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer));

function valueInfo(name: string, elemType: number, dims: Array<number | string>): Field[] {
  const dim = dims.map((d) => messageField(1, [typeof d === 'number' ? intField(1, d) : stringField(2, d)]));
  const tensorType = [intField(1, elemType), messageField(2, dim)];
  return [stringField(1, name), messageField(2, [messageField(1, tensorType)])];
}

function node(op: string, inputs: string[], outputs: string[], attrs: Field[][] = []): Field[] {
  return [
    ...inputs.map((i) => stringField(1, i)),
    ...outputs.map((o) => stringField(2, o)),
    stringField(3, `${op}_${outputs[0]}`),
    stringField(4, op),
    ...attrs.map((a) => messageField(5, a)),
  ];
}

const intAttr = (name: string, value: number): Field[] => [
  stringField(1, name),
  intField(3, value),
  intField(20, ATTR_INT),
];

export function encodeTinyOnnx(w: TinyWeights): Uint8Array {
  const nodes = [
    node('Gather', ['word_embeddings', 'input_ids'], ['words']),
    node('Gather', ['type_embeddings', 'token_type_ids'], ['types']),
    node('Add', ['words', 'types'], ['tokens']),
    node('Cast', ['attention_mask'], ['mask_f'], [intAttr('to', FLOAT)]),
    node('Unsqueeze', ['mask_f', 'axis_2'], ['mask_3d']),
    node('Mul', ['tokens', 'mask_3d'], ['masked']),
    node('ReduceSum', ['masked', 'axis_1'], ['summed'], [intAttr('keepdims', 1)]),
    node('ReduceSum', ['mask_3d', 'axis_1'], ['counted'], [intAttr('keepdims', 1)]),
    node('Div', ['summed', 'counted'], ['context']),
    node('Add', ['tokens', 'context'], ['mixed']),
    node('MatMul', ['mixed', 'dense'], ['projected']),
    node('Tanh', ['projected'], ['last_hidden_state']),
  ];
  const initializers = [
    floatTensor('word_embeddings', [w.vocabSize, w.hidden], w.wordEmbeddings),
    floatTensor('type_embeddings', [2, w.hidden], w.typeEmbeddings),
    floatTensor('dense', [w.hidden, w.hidden], w.dense),
    int64Tensor('axis_1', [1]),
    int64Tensor('axis_2', [2]),
  ];
  const graph = [
    ...nodes.map((n) => messageField(1, n)),
    stringField(2, 'tiny_sentence_encoder'),
    ...initializers.map((t) => messageField(5, t)),
    messageField(11, valueInfo('input_ids', INT64, ['batch_size', 'sequence_length'])),
    messageField(11, valueInfo('attention_mask', INT64, ['batch_size', 'sequence_length'])),
    messageField(11, valueInfo('token_type_ids', INT64, ['batch_size', 'sequence_length'])),
    messageField(12, valueInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', w.hidden])),
  ];
  return concat([
    intField(1, 8), // IR version 8: understood by every onnxruntime since 1.14
    stringField(2, 'dailypapers make-tiny-model'),
    messageField(7, graph),
    messageField(8, [stringField(1, ''), intField(2, 13)]),
  ]);
}

/** The model's output computed in plain JS, for tests that check what the runtime returned. */
export function tinyForward(w: TinyWeights, ids: number[], types: number[] = ids.map(() => 0)): Float32Array[] {
  const h = w.hidden;
  const tokens = ids.map((id, t) => {
    const v = new Float32Array(h);
    for (let j = 0; j < h; j++) v[j] = w.wordEmbeddings[id * h + j]! + w.typeEmbeddings[(types[t] ?? 0) * h + j]!;
    return v;
  });
  const context = new Float32Array(h);
  for (const v of tokens) for (let j = 0; j < h; j++) context[j]! += v[j]! / tokens.length;
  return tokens.map((v) => {
    const out = new Float32Array(h);
    for (let k = 0; k < h; k++) {
      let s = 0;
      for (let j = 0; j < h; j++) s += (v[j]! + context[j]!) * w.dense[j * h + k]!;
      out[k] = Math.tanh(s);
    }
    return out;
  });
}
