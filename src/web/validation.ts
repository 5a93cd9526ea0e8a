// Validation once, at the edge. Each input has one zod schema (in its domain's `*.schemas.ts`); a route hands it to
// `validated()`, which gives Fastify both the JSON Schema (for the OpenAPI document) and a validator that runs the
// zod schema itself: the handler receives zod's output (trimmed, defaulted, typed) and a refusal carries zod's
// message under the route's error code, exactly as the HTML form that shares the schema shows it. A field whose
// refusals have codes of their own (a comment "empty" or "too long") names its code in the issue (core/input-issues.ts).
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { inputRefusal } from '../core/input-issues.js';

type Part = 'body' | 'querystring' | 'params' | 'headers';

const zodOf = new WeakMap<object, z.ZodType>();

/** The JSON Schema of a zod schema as clients send it (input side), for Fastify and the OpenAPI document. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  zodOf.set(json, schema);
  return json;
}

/**
 * Route options validating the given parts with their zod schemas: spread into a route's options, beside any
 * other schema keys (`response`, `tags`, `summary`, …) given in `extra`.
 */
export function validated(
  parts: Partial<Record<Part, z.ZodType>>,
  opts: { code: string; extra?: FastifySchema },
): { schema: FastifySchema; validatorCompiler: FastifySchemaCompiler<unknown> } {
  const schema: Record<string, unknown> = { ...opts.extra };
  for (const [part, zodSchema] of Object.entries(parts)) schema[part] = jsonSchemaOf(zodSchema as z.ZodType);
  const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema: json }) => {
    const zodSchema = zodOf.get(json as object);
    if (!zodSchema) throw new Error('validated(): a schema part was not made by jsonSchemaOf');
    return (data: unknown) => {
      const result = zodSchema.safeParse(data);
      if (result.success) return { value: result.data };
      return { error: inputRefusal(result.error.issues, opts.code) };
    };
  };
  return { schema: schema as FastifySchema, validatorCompiler };
}
