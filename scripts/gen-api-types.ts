// Writes the web client's API types (src/web/client/api/schema.generated.ts) from the app's OpenAPI
// document. Run after changing a route's declaration: npm run gen:api-types
import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, currentOpenApiDocument, renderApiTypes } from './api-types.js';

writeFileSync(API_TYPES_FILE, await renderApiTypes(await currentOpenApiDocument()));
console.log(`wrote ${API_TYPES_FILE}`);
