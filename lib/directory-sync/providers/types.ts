/** What every directory provider (one file per provider under providers/) offers the sync engine. */

export type DirectoryCredentials = { baseUrl: string; clientId: string; clientSecret: string };

export type DirectoryUserEmail = { primary: boolean; type: string; value: string };

/** One user of a provider's snapshot, already in WorkOS terms. */
export type SnapshotUser = {
  idpId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  username: string | null;
  jobTitle: string | null;
  state: 'active' | 'inactive';
  emails: DirectoryUserEmail[];
  customAttributes: Record<string, unknown>;
  rawAttributes: Record<string, unknown>;
  /** idp_ids of the groups the user belongs to. */
  groupIdpIds: string[];
};

export type SnapshotGroup = { idpId: string; name: string; rawAttributes: Record<string, unknown> };

/** One page of a snapshot; `total` is the provider's count when it gives one (for a progress bar). */
export type SnapshotPage<T> = { items: T[]; total: number | null };

export interface DirectoryProvider {
  /** Proves the credentials work (token + one read), or throws InvalidCredentialsError / ProviderError. */
  validate(): Promise<void>;
  groups(): AsyncIterable<SnapshotPage<SnapshotGroup>>;
  /** Users, given the groups already fetched (idp_id → name) for attributes such as the department name. */
  users(groupNames: ReadonlyMap<string, string>): AsyncIterable<SnapshotPage<SnapshotUser>>;
}

/** The credentials are wrong, revoked or lack the read scope: no retry helps until an admin updates them. */
export class InvalidCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCredentialsError';
  }
}

/** The provider failed (network, timeout, 5xx, malformed answer): the run fails and is retried later. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
