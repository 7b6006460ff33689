import type { Database } from '@/db/client';
import { egressPolicyFromEnv, type EgressPolicy } from '@/lib/net/egress';
import { CezanneHrClient, CEZANNE_HR_TYPE, type CezanneHrOptions } from './providers/cezanne-hr';
import type { DirectoryCredentials, DirectoryProvider } from './providers/types';
import { systemClock, utcDate, type Clock } from './schedule';

export const SYNC_JOB = 'directory-sync.sync';
export const TICK_JOB = 'directory-sync.tick';

/** Sends jobs (a pg-boss instance fits). Directory Sync knows only its own job names. */
export type JobSender = {
  send(
    name: string,
    data: object,
    options?: { singletonKey?: string; startAfter?: Date | string | number },
  ): Promise<string | null>;
};

export type SyncJobData = { tenantId: string; directoryId: string; runId: string };

/** Per directory, at most one sync job waits in the queue (pg-boss singletonKey on a `short` queue). */
export function sendSyncJob(sender: JobSender, data: SyncJobData): Promise<string | null> {
  return sender.send(SYNC_JOB, data, { singletonKey: data.directoryId });
}

export type ProviderFactory = (type: string, credentials: DirectoryCredentials, today: string) => DirectoryProvider;

/** Everything the engine needs, passed explicitly: database, clock, job sender, egress policy, provider. */
export type SyncDeps = {
  db: Database;
  sender: JobSender;
  clock?: Clock;
  policy?: EgressPolicy;
  /** Overrides of the connector's timeouts and retry delays (tests). */
  providerOptions?: Partial<Omit<CezanneHrOptions, 'credentials' | 'policy' | 'today'>>;
  provider?: ProviderFactory;
};

export type ResolvedDeps = Required<Pick<SyncDeps, 'db' | 'sender' | 'clock' | 'policy'>> & {
  provider: ProviderFactory;
};

export function resolveDeps(deps: SyncDeps): ResolvedDeps {
  const policy = deps.policy ?? egressPolicyFromEnv();
  return {
    db: deps.db,
    sender: deps.sender,
    clock: deps.clock ?? systemClock,
    policy,
    provider:
      deps.provider ??
      ((type, credentials, today) => {
        if (type !== CEZANNE_HR_TYPE) throw new Error(`Unsupported directory type "${type}".`);
        return new CezanneHrClient({ ...deps.providerOptions, credentials, policy, today });
      }),
  };
}

export { utcDate };
