import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { undocumentedExports } from '../../../scripts/undocumented-exports.js';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

describe('public API documentation', () => {
  it('has TSDoc on every export of @drmaa2/conformance and every public member of its classes and interfaces', () => {
    expect(undocumentedExports(entry)).toEqual([]);
  }, 60_000);
});
