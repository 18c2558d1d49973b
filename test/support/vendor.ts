import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { ModelId } from '../../src/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'openapi');

/** A JSON Schema node from the vendor's files. */
export type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema };

/** The vendor's OpenAPI document of a model. */
// biome-ignore lint/suspicious/noExplicitAny: vendor JSON is walked freely by the conformance tests
export function vendorDocument(model: ModelId): Record<string, any> {
  return JSON.parse(readFileSync(join(DIR, `${model}.json`), 'utf8'));
}

/** The vendor's request schema of a model (components.schemas.*Request). */
export function vendorRequestSchema(model: ModelId): JsonSchema {
  const schemas = vendorDocument(model).components.schemas as Record<string, JsonSchema>;
  const [name] = Object.keys(schemas).filter((n) => n.endsWith('Request'));
  return schemas[name!]!;
}

/** The vendor's documented request examples of a model, by name. */
export function vendorExamples(model: ModelId): [string, Record<string, unknown>][] {
  const content = vendorDocument(model).paths['/v1/videos/generations'].post.requestBody.content['application/json'];
  const examples = (content.examples ?? {}) as Record<string, { value: Record<string, unknown> }>;
  return Object.entries(examples).map(([name, e]) => [name, e.value]);
}

// ajv is the independent judge here: a real JSON-schema validator, not the SDK's own code. Both are CommonJS packages.
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default as new (options: object) => { compile(schema: object): ValidateFunction };
const addFormats = require('ajv-formats').default as (ajv: unknown) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<ModelId, ValidateFunction>();

/** Validates a body against the vendor's JSON schema; returns ajv's errors (empty when valid). */
export function vendorErrors(model: ModelId, body: unknown): string[] {
  let validate = validators.get(model);
  if (!validate) {
    validate = ajv.compile(vendorRequestSchema(model));
    validators.set(model, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
