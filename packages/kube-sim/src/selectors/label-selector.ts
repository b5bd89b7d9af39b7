import { badRequest } from '../store/api-error.js';
import { labelValueErrors, qualifiedNameErrors } from '../validation/names.js';

/** One requirement of a parsed label selector. */
export interface LabelRequirement {
  key: string;
  operator: 'in' | 'notin' | 'exists' | '!' | '=' | '!=';
  values: string[];
}

/** A parsed label selector: all requirements must hold (comma = AND). Empty matches everything. */
export type LabelSelector = readonly LabelRequirement[];

/**
 * Parses `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a)`, `k`, `!k`, joined by commas.
 * @throws ApiError 400 for a syntax error or an invalid key/value (real validation rules).
 */
export function parseLabelSelector(text: string | undefined): LabelSelector {
  const out: LabelRequirement[] = [];
  if (text === undefined || text.trim() === '') return out;
  let i = 0;
  const s = text;
  const fail = (why: string): never => {
    throw badRequest(`unable to parse requirement: ${why}`);
  };
  const skipWs = (): void => {
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
  };
  const readToken = (): string => {
    skipWs();
    const start = i;
    while (i < s.length && !/[\s,()=!]/.test(s[i] ?? '')) i++;
    return s.slice(start, i);
  };
  for (;;) {
    skipWs();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
    }
    const key = readToken();
    if (key === '') fail(`found '${s[i] ?? 'EOS'}', expected: identifier`);
    checkKey(key);
    skipWs();
    if (negate) {
      out.push({ key, operator: '!', values: [] });
    } else if (i >= s.length || s[i] === ',') {
      out.push({ key, operator: 'exists', values: [] });
    } else if (s.startsWith('==', i) || s.startsWith('!=', i) || s[i] === '=') {
      const operator = s.startsWith('!=', i) ? '!=' : '=';
      i += s.startsWith('==', i) || operator === '!=' ? 2 : 1;
      const value = readToken();
      checkValue(value);
      out.push({ key, operator, values: [value] });
    } else {
      const word = readToken();
      if (word !== 'in' && word !== 'notin') fail(`found '${word}', expected: in, notin, =, ==, !=`);
      skipWs();
      if (s[i] !== '(') fail(`found '${s[i] ?? 'EOS'}', expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        const v = readToken();
        checkValue(v);
        values.push(v);
        skipWs();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        fail(`found '${s[i] ?? 'EOS'}', expected: ',', ')'`);
      }
      out.push({ key, operator: word === 'in' ? 'in' : 'notin', values });
    }
    skipWs();
    if (i >= s.length) break;
    if (s[i] !== ',') fail(`found '${s[i] ?? ''}', expected: ',' or 'end of string'`);
    i++;
  }
  return out;
}

function checkKey(key: string): void {
  const errs = qualifiedNameErrors(key);
  if (errs.length > 0) throw badRequest(`unable to parse requirement: values[0][${key}]: Invalid value: "${key}": ${errs.join('; ')}`);
}

function checkValue(value: string): void {
  const errs = labelValueErrors(value);
  if (errs.length > 0) throw badRequest(`unable to parse requirement: values[0]: Invalid value: "${value}": ${errs.join('; ')}`);
}

/** Whether labels satisfy every requirement. */
export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const r of selector) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = has ? labels[r.key] : undefined;
    switch (r.operator) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
      case 'in':
        if (!has || !r.values.includes(value ?? '')) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(value ?? '')) return false;
        break;
    }
  }
  return true;
}

/** `metav1.LabelSelector` (`matchLabels` + `matchExpressions`), as Job selectors use. */
export interface StructuredLabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Converts a structured selector to requirements (operators In, NotIn, Exists, DoesNotExist). */
export function fromStructured(sel: StructuredLabelSelector): LabelSelector {
  const out: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) out.push({ key, operator: '=', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    out.push({ key: e.key, operator: op, values: e.values ?? [] });
  }
  return out;
}
