/**
 * Progress of imports running in this process (the import runs after the response, inside one transaction, so
 * its progress cannot be read from the database until it commits).
 */
type Progress = { processed: number; total: number; startedAt: number };

const store = globalThis as unknown as { rosterImportProgress?: Map<string, Progress> };
const progress = (store.rosterImportProgress ??= new Map());

export function setImportProgress(importId: string, processed: number, total: number) {
  const current = progress.get(importId);
  progress.set(importId, { processed, total, startedAt: current?.startedAt ?? Date.now() });
}

export function getImportProgress(importId: string): Progress | undefined {
  return progress.get(importId);
}

export function clearImportProgress(importId: string) {
  progress.delete(importId);
}
