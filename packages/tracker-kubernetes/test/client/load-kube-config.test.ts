import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@drmaa2/core';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadKubeConfig } from '../../src/client/load-kube-config.js';

const kubeconfig = `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: one
  cluster: { server: "https://one.example:6443" }
- name: two
  cluster: { server: "https://two.example:6443" }
users:
- name: someone
  user: { token: "t0ken" }
contexts:
- name: dev
  context: { cluster: one, user: someone, namespace: team-a }
- name: prod
  context: { cluster: two, user: someone }
`;

let dir = '';
let path = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drmaa2-kubeconfig-'));
  path = join(dir, 'config');
  await writeFile(path, kubeconfig);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('loadKubeConfig', () => {
  it('uses the current context and its namespace', () => {
    expect(loadKubeConfig({ kubeconfigPath: path })).toMatchObject({ context: 'dev', namespace: 'team-a', server: 'https://one.example:6443' });
  });

  it('switches context without changing a shared KubeConfig, and falls back to namespace default', () => {
    const shared = new KubeConfig();
    shared.loadFromFile(path);
    expect(loadKubeConfig({ kubeConfig: shared, context: 'prod' })).toMatchObject({ context: 'prod', namespace: 'default', server: 'https://two.example:6443' });
    expect(shared.getCurrentContext()).toBe('dev');
  });

  it('takes an explicit namespace over the context\'s', () => {
    expect(loadKubeConfig({ kubeconfigPath: path, namespace: 'other' }).namespace).toBe('other');
  });

  it('reads KUBECONFIG like kubectl', () => {
    vi.stubEnv('KUBECONFIG', path);
    expect(loadKubeConfig().context).toBe('dev');
  });

  it('says how to fix a machine without any kubeconfig', () => {
    vi.stubEnv('KUBECONFIG', '');
    vi.stubEnv('HOME', dir);
    vi.stubEnv('KUBERNETES_SERVICE_HOST', '');
    expect(() => loadKubeConfig()).toThrow(expect.objectContaining({ code: ErrorCode.DrmCommunication, message: expect.stringContaining('no kubeconfig found') as unknown }));
  });

  it('names what is wrong: unknown context, unreadable file, bad namespace', () => {
    expect(() => loadKubeConfig({ kubeconfigPath: path, context: 'nope' })).toThrow(expect.objectContaining({ code: ErrorCode.DrmCommunication, message: expect.stringContaining('"nope"') as unknown }));
    expect(() => loadKubeConfig({ kubeconfigPath: join(dir, 'missing') })).toThrow(expect.objectContaining({ code: ErrorCode.DrmCommunication }));
    expect(() => loadKubeConfig({ kubeconfigPath: path, namespace: 'Bad_Name' })).toThrow(expect.objectContaining({ code: ErrorCode.InvalidArgument, message: expect.stringContaining('options.namespace') as unknown }));
  });

  it('never puts the token into an error', () => {
    let message = '';
    try {
      loadKubeConfig({ kubeconfigPath: path, context: 'nope' });
    } catch (error) {
      message = String(error);
    }
    expect(message).not.toContain('t0ken');
  });
});
