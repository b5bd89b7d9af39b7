import { ResourceLimit } from '@drmaa2/core';
import type { KubeContainer, KubeEnvFromSource, KubePodSpec } from '../kube-types.js';
import { containerCommand, containerEnv, containerImage, workingDir } from './container.js';
import { invalidField, quote } from './invalid.js';
import { dns1123SubdomainProblem } from './kube-names.js';
import { JOB_CONTAINER_NAME } from './keys.js';
import type { JobPlanInput, MappingOptions } from './options.js';
import type { ParsedExtensions } from './parse-extensions.js';
import { candidateAffinity, mergeSelectors, platformSelectors } from './placement.js';
import { mergePatch } from './pod-spec-patch.js';
import { containerResources, cpuTimeSeconds } from './resources.js';
import type { StagingPlan } from './stage-in.js';

function priorityClassName(input: JobPlanInput, options: MappingOptions): string | undefined {
  const priority = input.template.priority;
  if (priority === undefined) return undefined;
  const classes = options.priorityClasses ?? {};
  const name = classes[String(priority)];
  if (name === undefined) {
    const known = Object.keys(classes);
    throw invalidField('priority', `${priority} maps to no PriorityClass; configured priorities: ${known.length > 0 ? known.join(', ') : 'none'}`);
  }
  const problem = dns1123SubdomainProblem(name);
  if (problem !== undefined) throw invalidField('priority', `maps to PriorityClass ${quote(name)}, which ${problem} (check MappingOptions.priorityClasses)`);
  return name;
}

function jobContainer(input: JobPlanInput, options: MappingOptions, ext: ParsedExtensions, staging: StagingPlan): KubeContainer {
  const { template } = input;
  const taskId = input.array !== undefined && ext.taskId === 'shell';
  const cpuSeconds = cpuTimeSeconds(template);
  if (cpuSeconds !== undefined && input.array !== undefined && ext.taskId === 'none') {
    throw invalidField(`resourceLimits.${ResourceLimit.CpuTime}`, 'is enforced by the /bin/sh launcher (ulimit -t), which extensions.task-id "none" turns off');
  }
  const container: KubeContainer = {
    name: JOB_CONTAINER_NAME,
    image: containerImage(template, options.defaultImage),
    ...containerCommand(template, { taskId, ...(cpuSeconds === undefined ? {} : { cpuSeconds }) }),
  };
  const dir = workingDir(template);
  if (dir !== undefined) container.workingDir = dir;
  const env = containerEnv(template, input.array, taskId);
  if (env.length > 0) container.env = env;
  const envFrom: KubeEnvFromSource[] = [
    ...ext.envFromConfigMaps.map((name) => ({ configMapRef: { name } })),
    ...ext.envFromSecrets.map((name) => ({ secretRef: { name } })),
  ];
  if (envFrom.length > 0) container.envFrom = envFrom;
  const resources = containerResources(template, ext.accelerator?.limits);
  if (resources !== undefined) container.resources = resources;
  if (staging.mounts.length > 0) container.volumeMounts = staging.mounts;
  if (ext.imagePullPolicy !== undefined) container.imagePullPolicy = ext.imagePullPolicy;
  if (ext.privileged !== undefined) container.securityContext = { privileged: ext.privileged };
  return container;
}

/**
 * The pod spec of a submission: one container `job`, `restartPolicy: Never`, placement, priority,
 * staging volumes, the pod-level extensions, and finally `podSpecPatch` merged in.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the field for every value Kubernetes cannot take.
 */
export function buildPodSpec(input: JobPlanInput, options: MappingOptions, ext: ParsedExtensions, staging: StagingPlan): KubePodSpec {
  const { template } = input;
  if (template.remoteCommand === undefined || template.remoteCommand.length === 0) throw invalidField('remoteCommand', 'is required');
  if (template.inputPath !== undefined) {
    throw invalidField('inputPath', 'Kubernetes cannot connect a file to a container\'s standard input without a shell; stage the file with stageInFiles and pass its path as an argument');
  }
  const spec: KubePodSpec = { containers: [jobContainer(input, options, ext, staging)], restartPolicy: 'Never' };
  const nodeSelector = mergeSelectors([
    { field: 'machineOS', selectors: platformSelectors(template) },
    { field: 'extensions.accelerator', selectors: ext.accelerator?.nodeSelector ?? {} },
    { field: 'extensions.node-selectors', selectors: ext.nodeSelector },
  ]);
  if (Object.keys(nodeSelector).length > 0) spec.nodeSelector = nodeSelector;
  const affinity = candidateAffinity(template);
  if (affinity !== undefined) spec.affinity = affinity;
  const tolerations = [...ext.tolerations, ...(ext.accelerator?.tolerations ?? [])];
  if (tolerations.length > 0) spec.tolerations = tolerations;
  if (staging.volumes.length > 0) spec.volumes = staging.volumes;
  const priorityClass = priorityClassName(input, options);
  if (priorityClass !== undefined) spec.priorityClassName = priorityClass;
  if (ext.schedulerName !== undefined) spec.schedulerName = ext.schedulerName;
  if (ext.serviceAccountName !== undefined) spec.serviceAccountName = ext.serviceAccountName;
  if (ext.imagePullSecrets.length > 0) spec.imagePullSecrets = ext.imagePullSecrets.map((name) => ({ name }));
  const security: NonNullable<KubePodSpec['securityContext']> = {};
  if (ext.runAsUser !== undefined) security.runAsUser = ext.runAsUser;
  if (ext.runAsGroup !== undefined) security.runAsGroup = ext.runAsGroup;
  if (ext.fsGroup !== undefined) security.fsGroup = ext.fsGroup;
  if (Object.keys(security).length > 0) spec.securityContext = security;
  return ext.podSpecPatch === undefined ? spec : (mergePatch(spec, ext.podSpecPatch) as KubePodSpec);
}
