import { describe, expect, it } from 'vitest';
import type { RequestAttributes } from '../../src/auth/request-attributes.js';
import { ruleAllows, subjectMatches } from '../../src/auth/rule-matching.js';
import { RbacConfigError, TokenAuthenticator } from '../../src/index.js';

const attrs = (over: Partial<RequestAttributes>): RequestAttributes => ({
  verb: 'get', resourceRequest: true, apiGroup: '', resource: 'pods', subresource: '', namespace: 'ns', name: 'p', path: '', ...over,
});

describe('RBAC rule matching (RuleAllows / appliesToUser)', () => {
  it('resources: exact, resource/subresource, */subresource and *', () => {
    const status = { apiGroups: ['*'], resources: ['*/status'], verbs: ['get'] };
    expect(ruleAllows(status, attrs({ apiGroup: 'batch', resource: 'jobs', subresource: 'status' }))).toBe(true);
    expect(ruleAllows(status, attrs({ resource: 'pods', subresource: 'log' }))).toBe(false);
    expect(ruleAllows(status, attrs({ resource: 'pods' }))).toBe(false);
    const pods = { apiGroups: [''], resources: ['pods'], verbs: ['*'] };
    expect(ruleAllows(pods, attrs({ verb: 'deletecollection', name: '' }))).toBe(true);
    expect(ruleAllows(pods, attrs({ subresource: 'log' }))).toBe(false);
    expect(ruleAllows(pods, attrs({ apiGroup: 'batch' }))).toBe(false);
    const all = { apiGroups: ['*'], resources: ['*'], verbs: ['get'] };
    expect(ruleAllows(all, attrs({ subresource: 'log' }))).toBe(true);
    expect(ruleAllows(all, attrs({ verb: 'list' }))).toBe(false);
  });

  it('resourceNames never match a request without a name (create, plain list)', () => {
    const named = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'], verbs: ['get', 'create', 'list'] };
    expect(ruleAllows(named, attrs({ resource: 'configmaps', name: 'a' }))).toBe(true);
    expect(ruleAllows(named, attrs({ resource: 'configmaps', name: 'b' }))).toBe(false);
    expect(ruleAllows(named, attrs({ resource: 'configmaps', verb: 'create', name: '' }))).toBe(false);
    expect(ruleAllows(named, attrs({ resource: 'configmaps', verb: 'list', name: '' }))).toBe(false);
  });

  it('nonResourceURLs: exact or with a * suffix; resource rules never match paths and vice versa', () => {
    const rule = { nonResourceURLs: ['/healthz', '/apis/*'], verbs: ['get'] };
    const path = (p: string, verb = 'get'): RequestAttributes => attrs({ resourceRequest: false, verb, path: p, resource: '', name: '', namespace: '' });
    expect(ruleAllows(rule, path('/healthz'))).toBe(true);
    expect(ruleAllows(rule, path('/apis/batch/v1'))).toBe(true);
    expect(ruleAllows(rule, path('/apis'))).toBe(false);
    expect(ruleAllows(rule, path('/healthz', 'post'))).toBe(false);
    expect(ruleAllows(rule, attrs({}))).toBe(false);
    expect(ruleAllows({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, path('/healthz'))).toBe(false);
  });

  it('subjects: User by name, Group by membership, ServiceAccount by namespace (defaulting to the binding)', () => {
    const sa = { name: 'system:serviceaccount:ns:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'] };
    expect(subjectMatches({ kind: 'ServiceAccount', name: 'robot' }, sa, 'ns')).toBe(true);
    expect(subjectMatches({ kind: 'ServiceAccount', name: 'robot' }, sa, 'other')).toBe(false);
    expect(subjectMatches({ kind: 'ServiceAccount', name: 'robot', namespace: 'ns' }, sa, 'other')).toBe(true);
    expect(subjectMatches({ kind: 'Group', name: 'system:serviceaccounts:ns' }, sa, 'x')).toBe(true);
    expect(subjectMatches({ kind: 'User', name: 'robot' }, sa, 'ns')).toBe(false);
  });
});

describe('TokenAuthenticator', () => {
  it('maps bearer tokens to users with the implied groups; the scheme is case-insensitive; admin is in system:masters', () => {
    const auth = new TokenAuthenticator('admin-token', [{ token: 'sa-token', user: 'system:serviceaccount:ns:robot', groups: ['extra'] }]);
    expect(auth.authenticate('Bearer admin-token')).toEqual({ name: 'kube-sim-admin', groups: ['system:masters', 'system:authenticated'] });
    expect(auth.authenticate('bearer sa-token')).toEqual({ name: 'system:serviceaccount:ns:robot', groups: ['extra', 'system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'] });
    expect(auth.authenticate('Bearer nope')).toBeUndefined();
    expect(auth.authenticate('Basic sa-token')).toBeUndefined();
    expect(auth.authenticate(undefined)).toBeUndefined();
    expect(auth.removeToken('admin-token')).toBe(false);
    expect(auth.authenticate('Bearer admin-token')).toBeDefined();
    expect(() => auth.serviceAccountToken('Bad_NS', 'x')).toThrow(RbacConfigError);
    expect(() => auth.addToken({ user: 'u', token: 'sa-token' })).toThrow(/token.token: Duplicate value/);
  });
});
