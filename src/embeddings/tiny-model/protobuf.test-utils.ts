// The few protobuf wire-format rules an ONNX file needs (varints, length-delimited fields, packed floats),
// so the test model can be written without a protobuf code generator.

export type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

const tag = (field: number, wire: number) => varint((field << 3) | wire);

export function intField(field: number, value: number | bigint): Field {
  return Uint8Array.from([...tag(field, 0), ...varint(value)]);
}

export function bytesField(field: number, bytes: Uint8Array): Field {
  const head = [...tag(field, 2), ...varint(bytes.length)];
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head, 0);
  out.set(bytes, head.length);
  return out;
}

export function stringField(field: number, text: string): Field {
  return bytesField(field, new TextEncoder().encode(text));
}

export function floatField(field: number, value: number): Field {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return Uint8Array.from([...tag(field, 5), ...bytes]);
}

/** An embedded message: the concatenation of its fields, length-prefixed. */
export function messageField(field: number, parts: readonly Field[]): Field {
  return bytesField(field, concat(parts));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
