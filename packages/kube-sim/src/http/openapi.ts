import { NAMED_GROUPS, RESOURCE_NAMES, resourceInfo, type ApiGroup } from '../store/resources.js';

const HASH = 'kube-sim-v1';

/** `/openapi/v3`: the discovery root listing one document per group version. */
export function openApiV3Root(): Record<string, unknown> {
  const paths: Record<string, unknown> = { 'api/v1': { serverRelativeURL: `/openapi/v3/api/v1?hash=${HASH}` } };
  for (const g of NAMED_GROUPS) paths[`apis/${g}/v1`] = { serverRelativeURL: `/openapi/v3/apis/${g}/v1?hash=${HASH}` };
  return { paths };
}

/** The group of an OpenAPI v3 group-version path (`api/v1`, `apis/batch/v1`), or undefined when not served. */
export function openApiGroupOf(groupVersion: string): ApiGroup | undefined {
  if (groupVersion === 'api/v1') return '';
  return NAMED_GROUPS.find((g) => groupVersion === `apis/${g}/v1`);
}

const QUERY_PARAMS = ['fieldValidation', 'fieldManager', 'dryRun', 'force'];

/**
 * A minimal OpenAPI v3 document for one group version: each resource path with a PATCH operation
 * tagged `x-kubernetes-group-version-kind` and its query parameters. It carries no schemas; it
 * exists so kubectl detects server-side field validation instead of downloading schemas.
 */
export function openApiV3Document(groupVersion: string): Record<string, unknown> | undefined {
  const group = openApiGroupOf(groupVersion);
  if (group === undefined) return undefined;
  const paths: Record<string, unknown> = {};
  for (const info of RESOURCE_NAMES.map(resourceInfo).filter((i) => i.group === group)) {
    const base = `/${groupVersion}${info.namespaced ? '/namespaces/{namespace}' : ''}/${info.name}`;
    const gvk = { group, version: 'v1', kind: info.kind };
    const parameters = QUERY_PARAMS.map((name) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } }));
    const op = (id: string): Record<string, unknown> => ({
      operationId: `${id}${info.kind}`,
      'x-kubernetes-group-version-kind': gvk,
      'x-kubernetes-action': id,
      parameters,
      responses: { '200': { description: 'OK' } },
    });
    paths[base] = { post: op('post') };
    paths[`${base}/{name}`] = { get: op('get'), put: op('put'), patch: op('patch'), delete: op('delete') };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: {} };
}
