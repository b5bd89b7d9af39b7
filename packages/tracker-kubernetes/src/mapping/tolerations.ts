import type { KubeToleration } from '../kube-types.js';
import { extensionField } from './extension-values.js';
import { invalidField, quote } from './invalid.js';
import { labelValueProblem, qualifiedNameProblem } from './kube-names.js';

const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
type Effect = (typeof effects)[number];
const NAME = 'tolerations';

function isEffect(value: string): value is Effect {
  return (effects as readonly string[]).includes(value);
}

function fail(rule: string): never {
  throw invalidField(extensionField(NAME), rule);
}

function parseEntry(entry: string): KubeToleration {
  if (entry === '*') return { operator: 'Exists' };
  const parts = entry.split(':');
  if (parts.length > 3) fail(`entry ${quote(entry)} must have the form key[=value][:effect[:seconds]]`);
  const [keyValue = '', effect, seconds] = parts;
  const eq = keyValue.indexOf('=');
  const key = eq === -1 ? keyValue : keyValue.slice(0, eq);
  const keyProblem = qualifiedNameProblem(key);
  if (keyProblem !== undefined) fail(`key ${quote(key)}: ${keyProblem}`);
  const toleration: KubeToleration = { key };
  if (eq === -1) {
    toleration.operator = 'Exists';
  } else {
    const value = keyValue.slice(eq + 1);
    const valueProblem = labelValueProblem(value);
    if (valueProblem !== undefined) fail(`value of ${quote(key)} ${valueProblem}`);
    toleration.operator = 'Equal';
    toleration.value = value;
  }
  if (effect !== undefined && effect !== '') {
    if (!isEffect(effect)) fail(`effect ${quote(effect)} must be one of ${effects.join(', ')}`);
    toleration.effect = effect;
  }
  if (seconds !== undefined) {
    if (toleration.effect !== 'NoExecute') fail('tolerationSeconds are allowed only with effect NoExecute');
    if (!/^\d{1,10}$/.test(seconds)) fail(`seconds ${quote(seconds)} must be a whole number`);
    toleration.tolerationSeconds = Number(seconds);
  }
  return toleration;
}

/**
 * Parses the `tolerations` extension: comma-separated entries in kubectl's taint syntax,
 * `key[=value][:effect[:seconds]]`. Without `=value` the operator is `Exists`, otherwise `Equal`;
 * an empty effect tolerates every effect; seconds (NoExecute only) become `tolerationSeconds`;
 * `*` alone tolerates every taint. Example: `dedicated=batch:NoSchedule,gpu:NoExecute:300`.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `JobTemplate.extensions.tolerations` and the rule.
 */
export function parseTolerations(value: string): KubeToleration[] {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) fail('must list at least one toleration');
  return entries.map(parseEntry);
}
