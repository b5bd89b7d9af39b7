import { RBAC_GROUP, type RbacObject } from './rbac-types.js';

const V1 = `${RBAC_GROUP}/v1` as const;

/**
 * The bootstrap RBAC objects every real cluster has that matter here: `cluster-admin` (bound to
 * `system:masters`), and discovery (`system:discovery`, `system:public-info-viewer`) for every
 * authenticated user, so clients can read `/api`, `/apis`, `/version` and `/openapi`.
 */
export function bootstrapPolicy(): RbacObject[] {
  return [
    { apiVersion: V1, kind: 'ClusterRole', metadata: { name: 'cluster-admin' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }] },
    {
      apiVersion: V1, kind: 'ClusterRoleBinding', metadata: { name: 'cluster-admin' },
      subjects: [{ kind: 'Group', apiGroup: RBAC_GROUP, name: 'system:masters' }], roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'cluster-admin' },
    },
    {
      apiVersion: V1, kind: 'ClusterRole', metadata: { name: 'system:discovery' },
      rules: [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }],
    },
    {
      apiVersion: V1, kind: 'ClusterRoleBinding', metadata: { name: 'system:discovery' },
      subjects: [{ kind: 'Group', apiGroup: RBAC_GROUP, name: 'system:authenticated' }], roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'system:discovery' },
    },
    {
      apiVersion: V1, kind: 'ClusterRole', metadata: { name: 'system:public-info-viewer' },
      rules: [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }],
    },
    {
      apiVersion: V1, kind: 'ClusterRoleBinding', metadata: { name: 'system:public-info-viewer' },
      subjects: [{ kind: 'Group', apiGroup: RBAC_GROUP, name: 'system:authenticated' }, { kind: 'Group', apiGroup: RBAC_GROUP, name: 'system:unauthenticated' }],
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'system:public-info-viewer' },
    },
  ];
}
