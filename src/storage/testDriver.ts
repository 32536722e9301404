import { History } from '../history/History';
import { labelFromChanges } from '../history/labels';
import { Repository } from '../repository/Repository';
import { connectServer } from '../service/connectServer';
import type { WbemServices } from '../service/WbemServices';
import { applyStoredRecords } from './loadRepository';
import type { StoragePort } from './StoragePort';

/**
 * A repository persisted through a storage port the way the worker does it (one commit per
 * operation, awaited, with its history entry), without the worker: for storage tests.
 */
export async function persistedRepository(storage: StoragePort) {
  const stored = await storage.load();
  const repo = new Repository();
  applyStoredRecords(repo, stored.records);
  const history = new History();
  history.reset(stored);
  repo.onCommit(async ({ label, changes }) => {
    const { batch, apply } = history.prepare({ kind: 'op', label: labelFromChanges(label, changes), changes }, 0);
    await storage.commit(batch);
    apply();
  });
  const svc = (ns: string): WbemServices => {
    const s = connectServer(repo, ns).services;
    if (!s) throw new Error(`no namespace ${ns}`);
    return s;
  };
  return { repo, history, svc, seq: stored.seq };
}
