import { DrmaaEvent, JobState, isTerminal } from '@drmaa2/core';
import { describe, expect } from 'vitest';
import { conformanceCase } from './conformance-case.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

const order: Record<string, number> = {
  [JobState.QueuedHeld]: 0,
  [JobState.Queued]: 1,
  [JobState.Running]: 2,
  [JobState.Done]: 3,
  [JobState.Failed]: 3,
};

/** §10: event notification. */
export function describeEventCases(options: TrackerConformanceOptions): void {
  const test = (title: string, body: Parameters<typeof conformanceCase>[2]): void => conformanceCase(options, title, body);

  describe('events (§10)', () => {
    test('NEW_STATE comes once per change, in order per job, with the session name', async (ctx) => {
      const jobs = await Promise.all([ctx.short(), ctx.options.templates.exit(2), ctx.options.templates.succeed()].map((t) => ctx.session.runJob(t)));
      for (const job of jobs) await job.waitTerminated();
      for (const job of jobs) {
        const final = (await job.getState()).state;
        await ctx.untilState(job, final);
        const events = ctx.events.filter((e) => e.jobId === job.id);
        for (const event of events) {
          expect(event.event).toBe(DrmaaEvent.NewState);
          expect(event.sessionName).toBe(ctx.session.sessionName);
        }
        const states = events.map((e) => e.jobState);
        states.forEach((state, i) => {
          if (i > 0) expect(order[state]).toBeGreaterThan(order[states[i - 1]!]!);
        });
        expect(states.filter((s) => isTerminal(s)).length).toBe(1);
        expect(states.at(-1)).toBe(final);
      }
    });

    test('the unsubscribe function stops delivery to that callback only', async (ctx) => {
      const seen: string[] = [];
      const unsubscribe = ctx.sm.registerEventNotification((event) => seen.push(event.jobState));
      unsubscribe();
      const job = await ctx.session.runJob(ctx.options.templates.succeed());
      await job.waitTerminated();
      await ctx.untilState(job, JobState.Done);
      expect(seen).toEqual([]);
    });
  });
}
