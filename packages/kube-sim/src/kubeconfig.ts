import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The kubeconfig written for one simulator: a JSON document, which is valid YAML for every client. */
export function kubeconfigDocument(url: string, token: string, namespace = 'default'): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kube-sim', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'kube-sim', user: { token } }],
    contexts: [{ name: 'kube-sim', context: { cluster: 'kube-sim', user: 'kube-sim', namespace } }],
    'current-context': 'kube-sim',
    preferences: {},
  };
}

/** A kubeconfig file in its own temporary directory; `remove()` deletes both. */
export interface KubeconfigFile {
  path: string;
  remove(): Promise<void>;
}

/** Writes the kubeconfig (mode 0600) into a fresh temporary directory. */
export async function writeKubeconfig(url: string, token: string, namespace = 'default'): Promise<KubeconfigFile> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-'));
  const path = join(dir, 'kubeconfig');
  await writeFile(path, `${JSON.stringify(kubeconfigDocument(url, token, namespace), null, 2)}\n`, { mode: 0o600 });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
