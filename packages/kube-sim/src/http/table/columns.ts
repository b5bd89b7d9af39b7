import { isObject, objectsAt, stringAt } from '../../store/object-util.js';
import type { KubeObject, ResourceName } from '../../store/types.js';
import { age, humanDuration } from './human-duration.js';

/** One `metav1.TableColumnDefinition`. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** Columns and a row printer for one resource, as the real server's printers define them. */
export interface ResourcePrinter {
  columns: ColumnDefinition[];
  cells(obj: KubeObject, now: number): (string | number)[];
}

const col = (name: string, type = 'string', priority = 0, format = ''): ColumnDefinition => ({
  name, type, format: name === 'Name' ? 'name' : format, description: `${name} of the object`, priority,
});

const status = (o: KubeObject): Record<string, unknown> => (isObject(o.status) ? o.status : {});
const spec = (o: KubeObject): Record<string, unknown> => (isObject(o.spec) ? o.spec : {});
const count = (v: unknown): number => (isObject(v) ? Object.keys(v).length : 0);

function conditionTrue(o: KubeObject, type: string): boolean {
  return objectsAt(status(o), 'conditions').some((c) => c.type === type && c.status === 'True');
}

function jobCells(o: KubeObject, now: number): (string | number)[] {
  const s = status(o);
  const sp = spec(o);
  const state = conditionTrue(o, 'Complete') ? 'Complete' : conditionTrue(o, 'Failed') ? 'Failed'
    : conditionTrue(o, 'FailureTarget') ? 'FailureTarget' : conditionTrue(o, 'SuccessCriteriaMet') ? 'SuccessCriteriaMet'
      : sp.suspend === true ? 'Suspended' : 'Running';
  const succeeded = typeof s.succeeded === 'number' ? s.succeeded : 0;
  const completions = typeof sp.completions === 'number' ? `${succeeded}/${sp.completions}` : `${succeeded}/1 of ${typeof sp.parallelism === 'number' ? sp.parallelism : 1}`;
  const start = stringAt(s, 'startTime');
  const end = stringAt(s, 'completionTime');
  const duration = start === undefined ? '' : humanDuration((end === undefined ? now : Date.parse(end)) - Date.parse(start));
  const containers = objectsAt(isObject(sp.template) ? sp.template.spec : undefined, 'containers');
  return [o.metadata.name ?? '', state, completions, duration, age(o.metadata.creationTimestamp, now),
    containers.map((c) => stringAt(c, 'name') ?? '').join(','), containers.map((c) => stringAt(c, 'image') ?? '').join(','),
    Object.entries(isObject(sp.selector) && isObject(sp.selector.matchLabels) ? sp.selector.matchLabels : {}).map(([k, v]) => `${k}=${String(v)}`).join(',')];
}

function podStatus(o: KubeObject): string {
  const s = status(o);
  if (o.metadata.deletionTimestamp !== undefined) return 'Terminating';
  let reason = stringAt(s, 'reason') ?? stringAt(s, 'phase') ?? 'Pending';
  for (const cs of objectsAt(s, 'containerStatuses')) {
    const state = isObject(cs.state) ? cs.state : {};
    const waiting = stringAt(state.waiting, 'reason');
    const terminated = stringAt(state.terminated, 'reason');
    if (waiting !== undefined && waiting !== '') reason = waiting;
    else if (terminated !== undefined && terminated !== '' && reason !== 'Completed') reason = terminated;
  }
  return reason;
}

function podCells(o: KubeObject, now: number): (string | number)[] {
  const s = status(o);
  const statuses = objectsAt(s, 'containerStatuses');
  const total = objectsAt(spec(o), 'containers').length;
  const ready = statuses.filter((c) => c.ready === true).length;
  const restarts = statuses.reduce((n, c) => n + (typeof c.restartCount === 'number' ? c.restartCount : 0), 0);
  return [o.metadata.name ?? '', `${ready}/${total}`, podStatus(o), restarts, age(o.metadata.creationTimestamp, now),
    stringAt(s, 'podIP') ?? '<none>', stringAt(spec(o), 'nodeName') ?? '<none>', stringAt(s, 'nominatedNodeName') ?? '<none>', '<none>'];
}

const NAME_AGE = [col('Name'), col('Age')];

/** The printer of a resource (Table columns as `kubectl get` shows them). */
export function printerFor(resource: ResourceName): ResourcePrinter {
  switch (resource) {
    case 'jobs':
      return { columns: [col('Name'), col('Status'), col('Completions'), col('Duration'), col('Age'), col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)], cells: jobCells };
    case 'pods':
      return { columns: [col('Name'), col('Ready'), col('Status'), col('Restarts', 'string'), col('Age'), col('IP', 'string', 1), col('Node', 'string', 1), col('Nominated Node', 'string', 1), col('Readiness Gates', 'string', 1)], cells: podCells };
    case 'nodes':
      return {
        columns: [col('Name'), col('Status'), col('Roles'), col('Age'), col('Version')],
        cells: (o, now) => {
          const ready = objectsAt(status(o), 'conditions').find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady';
          const version = stringAt(isObject(status(o).nodeInfo) ? status(o).nodeInfo : undefined, 'kubeletVersion') ?? '';
          return [o.metadata.name ?? '', spec(o).unschedulable === true ? `${ready},SchedulingDisabled` : ready, '<none>', age(o.metadata.creationTimestamp, now), version];
        },
      };
    case 'namespaces':
      return { columns: [col('Name'), col('Status'), col('Age')], cells: (o, now) => [o.metadata.name ?? '', stringAt(status(o), 'phase') ?? '', age(o.metadata.creationTimestamp, now)] };
    case 'configmaps':
      return { columns: [col('Name'), col('Data', 'integer'), col('Age')], cells: (o, now) => [o.metadata.name ?? '', count(o.data) + count(o.binaryData), age(o.metadata.creationTimestamp, now)] };
    case 'secrets':
      return { columns: [col('Name'), col('Type'), col('Data', 'integer'), col('Age')], cells: (o, now) => [o.metadata.name ?? '', stringAt(o, 'type') ?? '', count(o.data), age(o.metadata.creationTimestamp, now)] };
    case 'persistentvolumeclaims':
      return {
        columns: [col('Name'), col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('Age')],
        cells: (o, now) => [o.metadata.name ?? '', stringAt(status(o), 'phase') ?? '', stringAt(spec(o), 'volumeName') ?? '', '', '', stringAt(spec(o), 'storageClassName') ?? '', age(o.metadata.creationTimestamp, now)],
      };
    case 'events':
      return {
        columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Message')],
        cells: (o, now) => {
          const inv = isObject(o.involvedObject) ? o.involvedObject : {};
          return [age(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp, now), stringAt(o, 'type') ?? '', stringAt(o, 'reason') ?? '',
            `${(stringAt(inv, 'kind') ?? '').toLowerCase()}/${stringAt(inv, 'name') ?? ''}`, stringAt(o, 'message') ?? ''];
        },
      };
    case 'serviceaccounts':
      return { columns: [col('Name'), col('Secrets', 'integer'), col('Age')], cells: (o, now) => [o.metadata.name ?? '', Array.isArray(o.secrets) ? o.secrets.length : 0, age(o.metadata.creationTimestamp, now)] };
    case 'roles':
    case 'clusterroles':
      return { columns: [col('Name'), col('Created At', 'date')], cells: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''] };
    case 'rolebindings':
    case 'clusterrolebindings':
      return {
        columns: [col('Name'), col('Role'), col('Age'), col('Users', 'string', 1), col('Groups', 'string', 1), col('ServiceAccounts', 'string', 1)],
        cells: (o, now) => {
          const ref = isObject(o.roleRef) ? o.roleRef : {};
          const subjects = Array.isArray(o.subjects) ? o.subjects.filter(isObject) : [];
          const names = (kind: string): string => subjects.filter((x) => x.kind === kind)
            .map((x) => (kind === 'ServiceAccount' ? `${stringAt(x, 'namespace') ?? o.metadata.namespace ?? ''}/${stringAt(x, 'name') ?? ''}` : stringAt(x, 'name') ?? '')).join(', ');
          return [o.metadata.name ?? '', `${stringAt(ref, 'kind') ?? ''}/${stringAt(ref, 'name') ?? ''}`, age(o.metadata.creationTimestamp, now), names('User'), names('Group'), names('ServiceAccount')];
        },
      };
  }
  return { columns: NAME_AGE, cells: (o, now) => [o.metadata.name ?? '', age(o.metadata.creationTimestamp, now)] };
}
