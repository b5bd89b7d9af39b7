import { randomBytes } from 'node:crypto';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../validation/names.js';
import { RbacConfigError } from './rbac-config-error.js';
import type { TokenUser, UserInfo } from './rbac-types.js';
import { validateTokenUser } from './rbac-validation.js';
import { serviceAccountUser } from './rule-matching.js';

/** The user the admin token (the one in `sim.kubeconfigPath`) authenticates as. */
export const ADMIN_USER = 'kube-sim-admin';
/** The group that bypasses authorization, as on a real server. */
export const MASTERS_GROUP = 'system:masters';

const SA_PREFIX = 'system:serviceaccount:';

function userInfo(name: string, extra: readonly string[]): UserInfo {
  const groups = new Set(extra);
  if (name.startsWith(SA_PREFIX)) {
    const ns = name.slice(SA_PREFIX.length).split(':')[0] ?? '';
    groups.add('system:serviceaccounts');
    groups.add(`system:serviceaccounts:${ns}`);
  }
  groups.add('system:authenticated');
  return { name, groups: [...groups] };
}

/**
 * Bearer-token authentication: the admin token (user `kube-sim-admin`, group `system:masters`) plus
 * extra tokens mapped to users. Every authenticated user is in `system:authenticated`;
 * ServiceAccount users also in `system:serviceaccounts` and `system:serviceaccounts:<ns>`.
 */
export class TokenAuthenticator {
  readonly #users = new Map<string, UserInfo>();

  /**
   * @param adminToken the all-powerful token of the simulator's own kubeconfig.
   * @param tokens extra tokens; validated before any is added.
   * @throws RbacConfigError for a malformed or duplicate entry (the token value is never shown).
   */
  constructor(adminToken: string, tokens: readonly TokenUser[] = []) {
    this.#users.set(adminToken, userInfo(ADMIN_USER, [MASTERS_GROUP]));
    const checked = tokens.map((t, i) => validateTokenUser(t, `rbac.tokens[${i}]`));
    checked.forEach((t, i) => {
      if (this.#users.has(t.token)) throw new RbacConfigError(`rbac.tokens[${i}].token`, 'Duplicate value: every token must be unique');
      this.#users.set(t.token, userInfo(t.user, t.groups ?? []));
    });
  }

  /**
   * Adds a token for a user and returns it; a random one unless `token` is given.
   * @throws RbacConfigError for a malformed entry or a token already in use.
   */
  addToken(entry: { user: string; groups?: readonly string[]; token?: string }): string {
    const token = entry.token ?? randomBytes(24).toString('base64url');
    const checked = validateTokenUser({ ...entry, token }, 'token');
    if (this.#users.has(checked.token)) throw new RbacConfigError('token.token', 'Duplicate value: every token must be unique');
    this.#users.set(checked.token, userInfo(checked.user, checked.groups ?? []));
    return checked.token;
  }

  /** Adds a random token for the ServiceAccount `<namespace>/<name>` (user `system:serviceaccount:<ns>:<name>`) and returns it. */
  serviceAccountToken(namespace: string, name: string): string {
    if (dns1123LabelErrors(namespace).length > 0) throw new RbacConfigError('namespace', 'Invalid value: a namespace must be a DNS-1123 label');
    if (dns1123SubdomainErrors(name).length > 0) throw new RbacConfigError('name', 'Invalid value: a ServiceAccount name must be a DNS-1123 subdomain');
    return this.addToken({ user: serviceAccountUser(namespace, name) });
  }

  /** Revokes a token (later requests with it get 401). The admin token cannot be revoked. Returns whether it existed. */
  removeToken(token: string): boolean {
    const user = this.#users.get(token);
    if (user === undefined || user.name === ADMIN_USER) return false;
    return this.#users.delete(token);
  }

  /** The user of an `Authorization` header value, or undefined (401) for a missing or unknown bearer token. */
  authenticate(header: string | undefined): UserInfo | undefined {
    const m = /^bearer (\S+)$/i.exec(header?.trim() ?? '');
    return m === null ? undefined : this.#users.get(m[1] ?? '');
  }
}
