import { JobState, SessionManager, TrackerRegistry } from '@drmaa2/core';
import { describe, expect, it } from 'vitest';

describe('loading by name', () => {
  it('DRMAA2_TRACKER=memory loads this package through the registry and runs jobs on it', async () => {
    const specifiers: string[] = [];
    // The application's own import: the test resolves the package by its name, as an app would.
    const registry = new TrackerRegistry([], {
      importer: (specifier) => {
        specifiers.push(specifier);
        return import(specifier) as Promise<unknown>;
      },
    });
    const sm = new SessionManager({ env: { DRMAA2_TRACKER: 'memory' }, registry });
    try {
      expect(await sm.getDrmsName()).toBe('memory');
      const job = await (await sm.createJobSession('by-name')).runJob({ remoteCommand: 'exit', args: ['0'] });
      await job.waitTerminated();
      expect((await job.getState()).state).toBe(JobState.Done);
      expect(specifiers).toEqual(['@drmaa2/tracker-memory']);
      expect(registry.names()).toEqual(['memory']);
    } finally {
      await sm.close();
    }
  });
});
