import { describe, expect, test } from 'vitest';
import { kubernetesExtensions } from '../../src/mapping/index.js';
import { container, expectRejected, plan, podSpec } from './fixtures.js';

describe('extensions', () => {
  test('every extension has a name and a description', () => {
    expect(kubernetesExtensions.length).toBeGreaterThanOrEqual(20);
    for (const entry of kubernetesExtensions) expect(entry.description.length).toBeGreaterThan(10);
  });

  test('labels and annotations reach the Job and its pods; tracker keys stay', () => {
    const result = plan({ extensions: { labels: 'team=a, tier=batch', annotations: '{"note":"a, b","example.com/x":"y"}' } });
    expect(result.job.metadata?.labels).toMatchObject({ team: 'a', tier: 'batch', 'drmaa2.io/session': 'nightly' });
    expect(result.job.spec?.template?.metadata?.labels).toMatchObject({ team: 'a' });
    expect(result.job.metadata?.annotations).toMatchObject({ note: 'a, b', 'example.com/x': 'y' });
    expect(result.job.spec?.template?.metadata?.annotations).toEqual({ note: 'a, b', 'example.com/x': 'y' });
    expect(plan({ extensions: { annotations: 'a=1,b=x=y' } }).job.metadata?.annotations).toMatchObject({ a: '1', b: 'x=y' });
  });

  test('scheduler, service account, pull secrets, pull policy, privileged, security context, ttl', () => {
    const result = plan({
      extensions: {
        scheduler: 'volcano',
        'service-account-name': 'runner',
        imagepullsecrets: 'regcred,other',
        pullpolicy: 'IfNotPresent',
        privileged: 'TRUE',
        runasuser: '1000',
        runasgroup: '2000',
        fsgroup: '3000',
        ttlsecondsafterfinished: '600',
      },
    });
    const spec = podSpec(result);
    expect(spec).toMatchObject({
      schedulerName: 'volcano',
      serviceAccountName: 'runner',
      imagePullSecrets: [{ name: 'regcred' }, { name: 'other' }],
      securityContext: { runAsUser: 1000, runAsGroup: 2000, fsGroup: 3000 },
    });
    expect(container(result)).toMatchObject({ imagePullPolicy: 'IfNotPresent', securityContext: { privileged: true } });
    expect(result.job.spec?.ttlSecondsAfterFinished).toBe(600);
  });

  test('node selectors, tolerations, env-from sources', () => {
    const result = plan({
      extensions: {
        'node-selectors': 'disktype=ssd,kubernetes.io/hostname=n1',
        tolerations: 'dedicated=batch:NoSchedule,gpu:NoExecute:300,*',
        'env-from-secret': 's1:s2',
        'env-from-secrets': 's3',
        'env-from-configmap': 'c1',
        'env-from-configmaps': 'c2,c1',
      },
    });
    const spec = podSpec(result);
    expect(spec.nodeSelector).toEqual({ disktype: 'ssd', 'kubernetes.io/hostname': 'n1' });
    expect(spec.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
      { key: 'gpu', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { operator: 'Exists' },
    ]);
    expect(container(result).envFrom).toEqual([
      { configMapRef: { name: 'c1' } },
      { configMapRef: { name: 'c2' } },
      { secretRef: { name: 's1' } },
      { secretRef: { name: 's2' } },
      { secretRef: { name: 's3' } },
    ]);
  });

  test('accelerator requests GPUs and selects the type per distribution', () => {
    const generic = plan({ extensions: { accelerator: '2*tesla-v100' } });
    expect(container(generic).resources?.limits).toEqual({ 'nvidia.com/gpu': '2' });
    expect(podSpec(generic).nodeSelector).toEqual({ 'nvidia.com/gpu.product': 'tesla-v100' });
    const gke = plan({ extensions: { accelerator: '1*nvidia-l4', distribution: 'GKE' } });
    expect(podSpec(gke).nodeSelector).toEqual({ 'cloud.google.com/gke-accelerator': 'nvidia-l4' });
    const aks = plan({ extensions: { accelerator: '1', distribution: 'aks' } });
    expect(podSpec(aks).tolerations).toEqual([{ key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }]);
  });

  test('podSpecPatch merges pod spec fields the tracker does not own', () => {
    const patch = { hostNetwork: true, terminationGracePeriodSeconds: 5, affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } }, securityContext: { runAsNonRoot: true } };
    const spec = podSpec(plan({ candidateMachines: ['n1'], extensions: { podSpecPatch: JSON.stringify(patch), runasuser: '7' } }));
    expect(spec.hostNetwork).toBe(true);
    expect(spec.terminationGracePeriodSeconds).toBe(5);
    expect(spec.affinity?.nodeAffinity).toBeDefined();
    expect(spec.affinity?.podAntiAffinity).toBeDefined();
    expect(spec.securityContext).toEqual({ runAsUser: 7, runAsNonRoot: true });
  });

  const rejections: [string, string][] = [
    ['namespace', 'Bad_NS'],
    ['labels', 'novalue'],
    ['labels', 'drmaa2.io/session=x'],
    ['labels', 'kubernetes.io/x=y'],
    ['labels', 'k=bad value'],
    ['labels', 'job-name=x'],
    ['annotations', 'drmaa2.io/template=x'],
    ['annotations', '{"a":1}'],
    ['annotations', '{broken'],
    ['scheduler', 'Not Valid'],
    ['privileged', 'yes'],
    ['pullpolicy', 'sometimes'],
    ['imagepullsecrets', 'Bad_Secret'],
    ['service-account-name', 'UPPER'],
    ['node-selectors', 'key=bad value'],
    ['tolerations', 'k=v:Sometimes'],
    ['tolerations', 'k:NoSchedule:30'],
    ['tolerations', 'bad key=v'],
    ['env-from-secret', 'Bad!'],
    ['env-from-secrets', ':'],
    ['env-from-configmap', 'UPPER'],
    ['env-from-configmaps', 'a b'],
    ['ttlsecondsafterfinished', '-1'],
    ['ttlsecondsafterfinished', '99999999999'],
    ['runasuser', 'root'],
    ['runasgroup', '1.5'],
    ['fsgroup', '3000000000'],
    ['accelerator', '0'],
    ['accelerator', 'two*x'],
    ['accelerator', '1*bad type'],
    ['distribution', 'openshift'],
    ['podSpecPatch', '{not json'],
    ['podSpecPatch', '[]'],
    ['podSpecPatch', '{"containers":[]}'],
    ['podSpecPatch', '{"restartPolicy":"Always"}'],
    ['podSpecPatch', '{"volumes":[]}'],
    ['podSpecPatch', '{"affinity":{"nodeAffinity":{}}}'],
    ['podSpecPatch', '{"securityContext":{"runAsUser":0}}'],
    ['podSpecPatch', '{"noSuchField":1}'],
    ['podSpecPatch', '{"hostNetwork":"yes"}'],
  ];
  test.each(rejections)('extension %s=%s is INVALID_ARGUMENT naming it', (name, value) => {
    expectRejected({ extensions: { [name]: value } }, `extensions.${name}`);
  });

  test('an owned field in podSpecPatch is named with what to use instead', () => {
    expect(() => plan({ extensions: { podSpecPatch: '{"tolerations":[]}' } })).toThrow(/tolerations.*extensions\.tolerations/);
  });

  test('unknown extensions are INVALID_ARGUMENT naming them', () => {
    expectRejected({ extensions: { 'no-such-thing': 'x' } }, 'extensions.no-such-thing');
  });
});
