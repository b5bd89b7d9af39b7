import { describe, expect, test } from 'vitest';
import { KubeApiError } from '../../src/client/kube-api-error.js';
import type { KubeHttp, KubeRequest } from '../../src/client/kube-http.js';
import { SessionStore } from '../../src/tracker/session-store.js';
import { submitPlan } from '../../src/tracker/submit-plan.js';
import { plan } from '../mapping/fixtures.js';

type Answer = (req: KubeRequest) => unknown;

/** A KubeHttp stand-in that records every request and answers through `answer` (a thrown value rejects). */
function recordingHttp(answer: Answer): { http: KubeHttp; requests: KubeRequest[] } {
  const requests: KubeRequest[] = [];
  const http = {
    request: (req: KubeRequest) => {
      requests.push(req);
      try {
        return Promise.resolve(answer(req));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  } as unknown as KubeHttp;
  return { http, requests };
}

const staged = plan({ stageInFiles: { '/data/in.txt': 'configmap-data:aGVsbG8=', '/run/token': 'secret-data:c2VjcmV0' } });
const jobs = '/apis/batch/v1/namespaces/batch/jobs';
const line = (req: KubeRequest): string => `${req.method} ${req.path}${req.query?.propagationPolicy === undefined ? '' : ` propagationPolicy=${String(req.query.propagationPolicy)}`}`;

describe('every delete names a propagation policy', () => {
  test('a refused Job: the staged ConfigMap and Secret are deleted in the background, no read', async () => {
    const { http, requests } = recordingHttp((req) => {
      if (req.method === 'POST' && req.path === jobs) throw new KubeApiError('forbidden', 403);
      return { metadata: { name: 'x' } };
    });
    await expect(submitPlan(http, staged)).rejects.toMatchObject({ code: 'DENIED_BY_DRMS' });
    expect(requests.map(line)).toEqual([
      'POST /api/v1/namespaces/batch/configmaps',
      'POST /api/v1/namespaces/batch/secrets',
      `POST ${jobs}`,
      'DELETE /api/v1/namespaces/batch/secrets/drmaa2-abc123-stage-1 propagationPolicy=Background',
      'DELETE /api/v1/namespaces/batch/configmaps/drmaa2-abc123-stage-0 propagationPolicy=Background',
    ]);
  });

  test('a Job create without an answer: the Job is read, and deleted in the background only when it is this submission\'s', async () => {
    const submissionId = staged.job.metadata?.annotations?.['drmaa2.io/submission-id'];
    for (const [owner, deleted] of [[submissionId, true], ['someone-else', false]] as const) {
      const { http, requests } = recordingHttp((req) => {
        if (req.method === 'POST' && req.path === jobs) throw new KubeApiError('socket hang up', 0);
        if (req.method === 'GET') return { metadata: { name: 'drmaa2-abc123', annotations: { 'drmaa2.io/submission-id': owner } } };
        return { metadata: { name: 'x' } };
      });
      await expect(submitPlan(http, staged)).rejects.toMatchObject({ code: 'DRM_COMMUNICATION' });
      expect(requests.map(line).slice(3)).toEqual([
        `GET ${jobs}/drmaa2-abc123`,
        ...(deleted ? [`DELETE ${jobs}/drmaa2-abc123 propagationPolicy=Background`] : []),
        'DELETE /api/v1/namespaces/batch/secrets/drmaa2-abc123-stage-1 propagationPolicy=Background',
        'DELETE /api/v1/namespaces/batch/configmaps/drmaa2-abc123-stage-0 propagationPolicy=Background',
      ]);
    }
  });

  test('a failed owner patch: the Job and the staged objects are deleted in the background', async () => {
    const { http, requests } = recordingHttp((req) => {
      if (req.method === 'PATCH') throw new KubeApiError('conflict', 409);
      return { metadata: { name: 'drmaa2-abc123', uid: 'u1' } };
    });
    await expect(submitPlan(http, staged)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(requests.filter((req) => req.method === 'DELETE').map(line)).toEqual([
      `DELETE ${jobs}/drmaa2-abc123 propagationPolicy=Background`,
      'DELETE /api/v1/namespaces/batch/secrets/drmaa2-abc123-stage-1 propagationPolicy=Background',
      'DELETE /api/v1/namespaces/batch/configmaps/drmaa2-abc123-stage-0 propagationPolicy=Background',
    ]);
  });

  test('destroying a session deletes its record in the background', async () => {
    const { http, requests } = recordingHttp(() => ({}));
    await new SessionStore(http, 'batch').delete('nightly');
    expect(requests.map(line)).toEqual([expect.stringMatching(/^DELETE \/api\/v1\/namespaces\/batch\/configmaps\/drmaa2-session-[0-9a-f]{20} propagationPolicy=Background$/)]);
  });
});
