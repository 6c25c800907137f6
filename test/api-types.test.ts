// The committed client API types are what the app's OpenAPI document gives today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, currentOpenApiDocument, renderApiTypes } from '../scripts/api-types.js';

describe('web client API types', () => {
  it(`${API_TYPES_FILE} is up to date (run npm run gen:api-types)`, async () => {
    const generated = await renderApiTypes(await currentOpenApiDocument());
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(generated);
  });
});
