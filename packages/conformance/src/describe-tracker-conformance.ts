import { describe } from 'vitest';
import { describeBulkCases } from './bulk-cases.js';
import type { TrackerConformanceOptions } from './conformance-options.js';
import { describeErrorCases } from './error-cases.js';
import { describeEventCases } from './event-cases.js';
import { describeJobInfoCases } from './job-info-cases.js';
import { describeMonitoringCases } from './monitoring-cases.js';
import { describeSessionCases } from './sessions-cases.js';
import { describeStateCases } from './state-cases.js';
import { describeTemplateCases } from './template-cases.js';
import { describeWaitCases } from './wait-cases.js';

/**
 * Declares the whole DRMAA2 contract as a vitest suite for one tracker: sessions, templates,
 * JobInfo and filters, states and job control, waits, errors, bulk jobs, events and monitoring.
 * Each case runs on a fresh backend from `options.create()`. Groups the backend cannot do (its
 * capabilities and job controls say so) assert `UNSUPPORTED_OPERATION` or `UNSUPPORTED_ATTRIBUTE`
 * instead. Call it at the top level of a test file.
 */
export function describeTrackerConformance(name: string, options: TrackerConformanceOptions): void {
  describe(`DRMAA2 conformance: ${name}`, () => {
    describeSessionCases(options);
    describeTemplateCases(options);
    describeJobInfoCases(options);
    describeStateCases(options);
    describeWaitCases(options);
    describeErrorCases(options);
    describeBulkCases(options);
    describeEventCases(options);
    describeMonitoringCases(options);
  });
}
