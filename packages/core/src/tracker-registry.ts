import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';
import type { TrackerPlugin } from './tracker.js';

/** Loads a module by specifier, as the application would import it. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/** Options of {@link TrackerRegistry}. */
export interface TrackerRegistryOptions {
  /**
   * How an unregistered tracker's package is loaded. Default: resolved from `resolveFrom`, as the
   * application has it installed (never from core's own location).
   */
  readonly importer?: ModuleImporter;
  /** The directory packages are resolved from by the default importer; default `process.cwd()`. */
  readonly resolveFrom?: string;
  /** Options passed to the plugin factory of a lazily loaded tracker, by tracker name. */
  readonly trackerOptions?: Readonly<Record<string, unknown>>;
}

const trackerName = /^[a-z][a-z0-9-]*$/;

function isTrackerPlugin(value: unknown): value is TrackerPlugin {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TrackerPlugin).name === 'string' &&
    typeof (value as TrackerPlugin).connect === 'function'
  );
}

function factoryExportName(name: string): string {
  return `${name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Tracker`;
}

function defaultImporter(resolveFrom: string): ModuleImporter {
  return async (specifier) => {
    const require = createRequire(join(resolveFrom, 'noop.js'));
    const resolved = require.resolve(specifier);
    return import(pathToFileURL(resolved).href) as Promise<unknown>;
  };
}

/**
 * Tracker plugins by name. Registration is explicit; a name that is not registered is resolved by
 * loading the package `@drmaa2/tracker-<name>` the application has installed, and calling its
 * factory (the `<name>Tracker` export, else the default export). No globals: create one per
 * application, or let `SessionManager` create one.
 */
export class TrackerRegistry {
  readonly #plugins = new Map<string, TrackerPlugin>();
  readonly #loading = new Map<string, Promise<TrackerPlugin>>();
  readonly #importer: ModuleImporter;
  readonly #trackerOptions: Readonly<Record<string, unknown>>;

  /**
   * @param plugins registered at once, as with {@link TrackerRegistry.register}
   * @param options how unregistered trackers are loaded
   * @throws Drmaa2Error `INVALID_ARGUMENT` for a malformed or duplicate plugin name.
   */
  constructor(plugins: readonly TrackerPlugin[] = [], options: TrackerRegistryOptions = {}) {
    this.#importer = options.importer ?? defaultImporter(options.resolveFrom ?? process.cwd());
    this.#trackerOptions = options.trackerOptions ?? {};
    for (const plugin of plugins) this.register(plugin);
  }

  /**
   * Adds a plugin under its name.
   * @throws Drmaa2Error `INVALID_ARGUMENT` when the name is malformed or already registered.
   */
  register(plugin: TrackerPlugin): this {
    if (!isTrackerPlugin(plugin)) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, 'TrackerRegistry.register: not a tracker plugin (needs name and connect)');
    }
    if (!trackerName.test(plugin.name)) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `TrackerRegistry.register: tracker name ${JSON.stringify(plugin.name)} must match ${String(trackerName)}`);
    }
    if (this.#plugins.has(plugin.name)) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `TrackerRegistry.register: a tracker named ${JSON.stringify(plugin.name)} is already registered`);
    }
    this.#plugins.set(plugin.name, plugin);
    return this;
  }

  /** True when a plugin of that name is registered (lazily loaded ones count once loaded). */
  has(name: string): boolean {
    return this.#plugins.has(name);
  }

  /** The names of the registered plugins. */
  names(): string[] {
    return [...this.#plugins.keys()];
  }

  /**
   * The plugin of that name, loading `@drmaa2/tracker-<name>` on first use when it is not registered.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for a malformed name, a package that is not installed, or
   *   one that exports no tracker factory.
   */
  async resolve(name: string): Promise<TrackerPlugin> {
    const registered = this.#plugins.get(name);
    if (registered !== undefined) return registered;
    if (!trackerName.test(name)) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `tracker name ${JSON.stringify(name)} must match ${String(trackerName)}`);
    }
    let loading = this.#loading.get(name);
    if (loading === undefined) {
      loading = this.#load(name);
      this.#loading.set(name, loading);
      loading.catch(() => this.#loading.delete(name));
    }
    return loading;
  }

  async #load(name: string): Promise<TrackerPlugin> {
    const specifier = `@drmaa2/tracker-${name}`;
    let module: unknown;
    try {
      module = await this.#importer(specifier);
    } catch (cause) {
      throw new Drmaa2Error(
        ErrorCode.InvalidArgument,
        `tracker ${JSON.stringify(name)} is not registered and its package ${specifier} could not be loaded (is it installed?)`,
        { cause },
      );
    }
    const exports = (module ?? {}) as Record<string, unknown>;
    const factory = exports[factoryExportName(name)] ?? exports.default;
    if (typeof factory !== 'function') {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `${specifier} exports no tracker factory (${factoryExportName(name)} or default)`);
    }
    const plugin: unknown = (factory as (options?: unknown) => unknown)(this.#trackerOptions[name]);
    if (!isTrackerPlugin(plugin)) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `${specifier}: its factory did not return a tracker plugin`);
    }
    if (!this.#plugins.has(name)) this.#plugins.set(name, plugin);
    return this.#plugins.get(name) ?? plugin;
  }
}
