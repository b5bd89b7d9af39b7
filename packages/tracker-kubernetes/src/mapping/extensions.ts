import type { ExtensionInfo } from '@drmaa2/core';

/**
 * The template extensions this tracker accepts (`JobTemplate.extensions`), with their formats.
 * Names follow the reference (drmaa2os) where it has one. Every value is a string; a bad value is
 * `INVALID_ARGUMENT` naming `JobTemplate.extensions.<name>`.
 */
export const kubernetesExtensions: readonly ExtensionInfo[] = Object.freeze([
  { name: 'namespace', description: 'Namespace of the Job (a DNS-1123 label); overrides the default namespace. Must agree with queueName when that selects a namespace.' },
  { name: 'labels', description: 'Extra labels on the Job and its pods: "key=value,key2=value2". Keys in drmaa2.io/, kubernetes.io/ and k8s.io/ are refused.' },
  { name: 'annotations', description: 'Extra annotations on the Job and its pods: "key=value,key2=value2", or a JSON object of strings when values contain commas. Keys in drmaa2.io/ are refused.' },
  { name: 'scheduler', description: 'schedulerName of the pods (a DNS-1123 subdomain), such as a batch scheduler.' },
  { name: 'privileged', description: '"true" or "false" (any case): runs the job container privileged.' },
  { name: 'pullpolicy', description: 'imagePullPolicy of the job container: "always", "never" or "ifnotpresent" (any case).' },
  { name: 'imagepullsecrets', description: 'Secrets to pull the image with: names separated by "," (DNS-1123 subdomains).' },
  { name: 'service-account-name', description: 'serviceAccountName of the pods (a DNS-1123 subdomain).' },
  { name: 'node-selectors', description: 'Extra node selectors: "key=value,key2=value2" (label keys and values).' },
  { name: 'tolerations', description: 'Tolerations in kubectl taint syntax, comma separated: "key[=value][:effect[:seconds]]"; "*" tolerates every taint.' },
  { name: 'env-from-secret', description: 'Secrets whose keys become environment variables: names separated by ":" or ",".' },
  { name: 'env-from-secrets', description: 'Same as env-from-secret.' },
  { name: 'env-from-configmap', description: 'ConfigMaps whose keys become environment variables: names separated by ":" or ",".' },
  { name: 'env-from-configmaps', description: 'Same as env-from-configmap.' },
  { name: 'ttlsecondsafterfinished', description: 'Seconds after which Kubernetes deletes the finished Job (0 to 2147483647). The job is then gone for DRMAA2 too.' },
  { name: 'runasuser', description: 'Pod securityContext.runAsUser: a UID from 0 to 2147483647.' },
  { name: 'runasgroup', description: 'Pod securityContext.runAsGroup: a GID from 0 to 2147483647.' },
  { name: 'fsgroup', description: 'Pod securityContext.fsGroup: a GID from 0 to 2147483647.' },
  { name: 'accelerator', description: 'GPUs: "COUNT[*TYPE]", COUNT as limit nvidia.com/gpu, TYPE as node selector (see distribution).' },
  { name: 'distribution', description: 'How accelerator TYPE is selected: "gke" (cloud.google.com/gke-accelerator), "aks" (plus toleration sku=gpu), "eks" or "generic" (nvidia.com/gpu.product). Default generic.' },
  { name: 'task-id', description: 'Arrays only: "shell" (default) starts the command through /bin/sh -c \'export TASK_ID=...; exec "$0" "$@"\', so each member has TASK_ID = begin + index × step in its environment (arguments are passed unchanged, never interpreted); "none" runs the command directly, for images without /bin/sh.' },
  { name: 'podSpecPatch', description: 'A JSON object merged into the pod spec (JSON merge patch) for anything else; fields the tracker owns are refused, naming the attribute to use.' },
]);

/** The names of {@link kubernetesExtensions}, for `validateJobTemplate`'s `extensionNames`. */
export const kubernetesExtensionNames: ReadonlySet<string> = new Set(kubernetesExtensions.map((entry) => entry.name));
