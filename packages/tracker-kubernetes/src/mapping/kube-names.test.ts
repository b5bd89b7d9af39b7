import { describe, expect, test } from 'vitest';
import { configMapKeyProblem, dns1123LabelProblem, dns1123SubdomainProblem, envVarNameProblem, isReservedKey, labelValueProblem, qualifiedNameProblem } from './kube-names.js';
import { quantityProblem } from './quantity.js';

describe('Kubernetes naming rules', () => {
  test('DNS-1123 labels and subdomains', () => {
    expect(dns1123LabelProblem('a-1')).toBeUndefined();
    expect(dns1123LabelProblem('a'.repeat(64))).toBeDefined();
    expect(dns1123LabelProblem('-a')).toBeDefined();
    expect(dns1123LabelProblem('a.b')).toBeDefined();
    expect(dns1123SubdomainProblem('a.b-c.d')).toBeUndefined();
    expect(dns1123SubdomainProblem('A')).toBeDefined();
    expect(dns1123SubdomainProblem('a..b')).toBeDefined();
  });

  test('label keys, values and reserved prefixes', () => {
    expect(qualifiedNameProblem('example.com/My_key.1')).toBeUndefined();
    expect(qualifiedNameProblem('Example.com/x')).toBeDefined();
    expect(qualifiedNameProblem('a/b/c')).toBeDefined();
    expect(qualifiedNameProblem('x'.repeat(64))).toBeDefined();
    expect(labelValueProblem('')).toBeUndefined();
    expect(labelValueProblem('a b')).toBeDefined();
    expect(isReservedKey('kubernetes.io/x')).toBe(true);
    expect(isReservedKey('node.kubernetes.io/x')).toBe(true);
    expect(isReservedKey('example.com/x')).toBe(false);
  });

  test('environment names, data keys and quantities', () => {
    expect(envVarNameProblem('MY_VAR.1')).toBeUndefined();
    expect(envVarNameProblem('1X')).toBeDefined();
    expect(configMapKeyProblem('file.txt')).toBeUndefined();
    expect(configMapKeyProblem('..')).toBeDefined();
    for (const ok of ['500m', '2', '1Gi', '1.5', '1e3', '20Gi']) expect(quantityProblem(ok)).toBeUndefined();
    for (const bad of ['lots', '-1', '1 Gi', '1GB']) expect(quantityProblem(bad)).toBeDefined();
  });
});
