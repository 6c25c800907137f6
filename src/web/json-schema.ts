// zod (v3) schemas as JSON Schema, for the OpenAPI document: the kinds our route declarations use.
import type { ZodTypeAny } from 'zod';

type JsonSchema = Record<string, unknown>;

interface Check {
  kind: string;
  value?: unknown;
  regex?: RegExp;
  inclusive?: boolean;
}

export function toJsonSchema(schema: ZodTypeAny): JsonSchema {
  const def = schema._def as { typeName: string; description?: string } & Record<string, unknown>;
  const out = convert(schema);
  if (def.description && !out.description) out.description = def.description;
  return out;
}

function convert(schema: ZodTypeAny): JsonSchema {
  const def = schema._def as Record<string, unknown> & { typeName: string };
  switch (def.typeName) {
    case 'ZodString': {
      const out: JsonSchema = { type: 'string' };
      for (const c of (def.checks as Check[]) ?? []) {
        if (c.kind === 'min') out.minLength = c.value;
        else if (c.kind === 'max') out.maxLength = c.value;
        else if (c.kind === 'regex' && c.regex) out.pattern = c.regex.source;
        else if (c.kind === 'datetime') out.format = 'date-time';
        else if (c.kind === 'email') out.format = 'email';
        else if (c.kind === 'url') out.format = 'uri';
      }
      return out;
    }
    case 'ZodNumber': {
      const checks = (def.checks as Check[]) ?? [];
      const out: JsonSchema = { type: checks.some((c) => c.kind === 'int') ? 'integer' : 'number' };
      for (const c of checks) {
        if (c.kind === 'min') out[c.inclusive === false ? 'exclusiveMinimum' : 'minimum'] = c.value;
        else if (c.kind === 'max') out[c.inclusive === false ? 'exclusiveMaximum' : 'maximum'] = c.value;
      }
      return out;
    }
    case 'ZodBoolean':
      return { type: 'boolean' };
    case 'ZodLiteral':
      return { const: def.value };
    case 'ZodEnum':
      return { type: 'string', enum: def.values as string[] };
    case 'ZodArray':
      return { type: 'array', items: toJsonSchema(def.type as ZodTypeAny) };
    case 'ZodObject': {
      const shape = (schema as unknown as { shape: Record<string, ZodTypeAny> }).shape;
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [key, value] of Object.entries(shape)) {
        properties[key] = toJsonSchema(value);
        if (!value.isOptional()) required.push(key);
      }
      const out: JsonSchema = { type: 'object', properties };
      if (required.length) out.required = required;
      if ((def.unknownKeys as string) === 'strict') out.additionalProperties = false;
      return out;
    }
    case 'ZodRecord':
      return { type: 'object', additionalProperties: toJsonSchema(def.valueType as ZodTypeAny) };
    case 'ZodOptional':
      return toJsonSchema(def.innerType as ZodTypeAny);
    case 'ZodNullable': {
      const inner = toJsonSchema(def.innerType as ZodTypeAny);
      if (typeof inner.type === 'string') return { ...inner, type: [inner.type, 'null'] };
      return { anyOf: [inner, { type: 'null' }] };
    }
    case 'ZodDefault':
      return { ...toJsonSchema(def.innerType as ZodTypeAny), default: (def.defaultValue as () => unknown)() };
    case 'ZodEffects':
      return toJsonSchema(def.schema as ZodTypeAny);
    case 'ZodUnion':
      return { anyOf: (def.options as ZodTypeAny[]).map(toJsonSchema) };
    default:
      return {};
  }
}
