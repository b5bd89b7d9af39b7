import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { ErrorCode, SessionManager } from '@drmaa2/core';
import { startKubeSim, type KubeSim } from '@drmaa2/kube-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubernetesTracker } from '../../src/index.js';

let sim: KubeSim | undefined;
let dir = '';
beforeEach(async () => {
  sim = await startKubeSim({ controllers: false });
  dir = await mkdtemp(join(tmpdir(), 'drmaa2-tls-'));
});
afterEach(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The server's certificate as PEM, read off a TLS handshake. */
function serverCertificate(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      const der = socket.getPeerCertificate().raw;
      socket.end();
      resolve(`-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`);
    });
    socket.on('error', reject);
  });
}

/** The simulator's kubeconfig with its cluster entry replaced. */
async function kubeconfigWith(cluster: Record<string, unknown>): Promise<string> {
  const config = JSON.parse(await readFile(sim!.kubeconfigPath, 'utf8')) as { clusters: { cluster: Record<string, unknown> }[] };
  for (const entry of config.clusters) entry.cluster = { server: sim!.httpsUrl, ...cluster };
  const path = join(dir, `config-${Object.keys(cluster).join('-') || 'plain'}`);
  await writeFile(path, JSON.stringify(config));
  return path;
}

async function connectWith(kubeconfigPath: string): Promise<unknown> {
  const sm = new SessionManager({ tracker: kubernetesTracker({ kubeconfigPath, maxRetries: 0 }) });
  try {
    return await sm.getJobSessionNames();
  } catch (error) {
    return error;
  } finally {
    await sm.close().catch(() => undefined);
  }
}

describe('TLS follows the kubeconfig', () => {
  it('verifies the server certificate unless the kubeconfig says not to', async () => {
    const refused = await connectWith(await kubeconfigWith({}));
    expect(refused).toMatchObject({ code: ErrorCode.DrmCommunication });
    expect(String(refused)).toMatch(/certificate/i);
    expect(await connectWith(await kubeconfigWith({ 'insecure-skip-tls-verify': true }))).toEqual([]);
  });

  it('trusts the certificate authority the kubeconfig names', async () => {
    const ca = Buffer.from(await serverCertificate(sim!.httpsUrl)).toString('base64');
    expect(await connectWith(await kubeconfigWith({ 'certificate-authority-data': ca }))).toEqual([]);
  });
});
