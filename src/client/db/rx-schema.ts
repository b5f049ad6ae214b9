// Derives RxDB JSON schemas from the shared zod schemas, so the record shape is defined once.
import { z } from 'zod/mini';
import type { RxJsonSchema } from 'rxdb';

interface RxSchemaOptions {
  title: string;
  version: number;
  primaryKey: string;
  indexes?: (string | string[])[];
}

type JsonObjectSchema = {
  properties: Record<string, unknown>;
  required?: string[];
};

export function toRxSchema<T>(schema: z.ZodMiniType, options: RxSchemaOptions): RxJsonSchema<T> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObjectSchema;
  return {
    title: options.title,
    version: options.version,
    primaryKey: options.primaryKey,
    type: 'object',
    properties: json.properties,
    required: json.required ?? [],
    indexes: options.indexes ?? [],
    additionalProperties: false,
  } as unknown as RxJsonSchema<T>;
}
