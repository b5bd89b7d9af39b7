import type { Clock } from '@drmaa2/core';
import type { KubeHttpOptions } from '../client/kube-http.js';
import type { KubeConnectionOptions } from '../client/load-kube-config.js';
import type { JobLogOptions } from './job-logs.js';

/** Options of `kubernetesTracker()`. Every field is optional; defaults behave like kubectl. */
export interface KubernetesTrackerOptions extends KubeConnectionOptions, KubeHttpOptions {
  /**
   * Namespaces jobs may be sent to with `queueName`; the default namespace is always watched.
   * Default: just the default namespace (which is then the only queue).
   */
  readonly queues?: readonly string[];
  /**
   * The images `jobCategory` may name; `getJobCategories()` lists them. Default: any image, and
   * `getJobCategories()` lists the images the nodes already hold.
   */
  readonly jobCategories?: readonly string[];
  /**
   * Without `jobCategories` (any image allowed): images `getJobCategories()` lists first, before
   * the images the nodes already hold (duplicates dropped), e.g. the images your jobs usually run.
   * Default: none. Ignored when `jobCategories` is set.
   */
  readonly suggestedJobCategories?: readonly string[];
  /** Submit through Kueue: `queueName` becomes the LocalQueue label instead of the namespace. */
  readonly kueue?: { readonly enabled: boolean };
  /** DRMAA2 `priority` (as a decimal string) to PriorityClass name. Unmapped priorities are rejected. */
  readonly priorityClasses?: Readonly<Record<string, string>>;
  /** The image for templates without `jobCategory`; default: none, and `jobCategory` is required. */
  readonly defaultImage?: string;
  /** The clock for start-time releases, retries and the rate limiter; default the wall clock. */
  readonly clock?: Clock;
  /**
   * Logs of finished jobs: `outputPath`/`errorPath` always receive the log; `keepBytes` also keeps
   * its tail in `JobInfo.extensions.output`. Default: files only, nothing kept.
   */
  readonly jobLogs?: JobLogOptions;
  /**
   * Told about failures of background work, which goes on (watches back off and retry): watch
   * failures retrying may not fix (401/403), failed start-time releases, logs that could not be
   * collected. Default: none (the state and `JobInfo.extensions.logError` still show them).
   */
  readonly onBackgroundError?: (error: Error) => void;
}
