import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, TrackerRegistry, isDrmaa2Error, type TrackerPlugin } from '../src/index.js';

const plugin = (name: string): TrackerPlugin => ({ name, connect: () => Promise.reject(new Error('not here')) });

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isDrmaa2Error(error) ? error.code : String(error);
  }
}

describe('TrackerRegistry', () => {
  const app = mkdtempSync(join(tmpdir(), 'drmaa2-registry-'));
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('registers plugins explicitly and rejects duplicates and bad names', async () => {
    const alpha = plugin('alpha');
    const registry = new TrackerRegistry([alpha]);
    expect(registry.names()).toEqual(['alpha']);
    expect(await registry.resolve('alpha')).toBe(alpha);
    expect(() => registry.register(plugin('alpha'))).toThrow(expect.objectContaining({ code: ErrorCode.InvalidArgument }) as Error);
    expect(() => registry.register(plugin('Bad Name'))).toThrow(expect.objectContaining({ code: ErrorCode.InvalidArgument }) as Error);
  });

  it('loads @drmaa2/tracker-<name> through the importer once, calling its named factory with options', async () => {
    const specifiers: string[] = [];
    const received: unknown[] = [];
    const registry = new TrackerRegistry([], {
      trackerOptions: { 'my-thing': { a: 1 } },
      importer: async (specifier) => {
        specifiers.push(specifier);
        return { myThingTracker: (options: unknown) => (received.push(options), plugin('my-thing')) };
      },
    });
    const [a, b] = await Promise.all([registry.resolve('my-thing'), registry.resolve('my-thing')]);
    expect(a).toBe(b);
    expect(specifiers).toEqual(['@drmaa2/tracker-my-thing']);
    expect(received).toEqual([{ a: 1 }]);
    expect(registry.has('my-thing')).toBe(true);
  });

  it('reports a missing package or a package without a factory as INVALID_ARGUMENT, and retries later', async () => {
    let attempts = 0;
    const registry = new TrackerRegistry([], {
      importer: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('Cannot find package');
        return { somethingElse: 1 };
      },
    });
    expect(await codeOf(registry.resolve('nope'))).toBe(ErrorCode.InvalidArgument);
    expect(await codeOf(registry.resolve('nope'))).toBe(ErrorCode.InvalidArgument);
    expect(attempts).toBe(2);
  });

  it('resolves packages from the application directory by default, not from core', async () => {
    const dir = join(app, 'node_modules', '@drmaa2', 'tracker-local');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@drmaa2/tracker-local', type: 'module', exports: './index.js' }));
    writeFileSync(join(dir, 'index.js'), "export default () => ({ name: 'local', connect: async () => { throw new Error('x'); } });\n");
    const registry = new TrackerRegistry([], { resolveFrom: app });
    expect((await registry.resolve('local')).name).toBe('local');
    expect(await codeOf(new TrackerRegistry().resolve('local'))).toBe(ErrorCode.InvalidArgument);
  });
});
