/**
 * How engines in several tabs share one stored repository (see CONTEXT.md for the argument):
 * a Web Lock serializes writes across tabs; inside it, a tab that knows of others first reads
 * back any commit it has not applied; the storage's seq check refuses a commit planned on a stale
 * state anyway (the engine catches up and retries); and a BroadcastChannel tells the other tabs
 * a commit landed so they read it back within milliseconds.
 */
export interface TabSync {
  readonly kind: 'locks+broadcast' | 'broadcast' | 'none';
  readonly tabId: string;
  /**
   * Run `fn` holding the repository's cross-tab write lock (or directly, without Web Locks). The
   * engine only asks for it once another tab has been heard from.
   */
  withWriteLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Tell the other tabs that commit `seq` is stored. */
  announce(seq: number): void;
  /** Whether another tab on this repository has been heard from (then writes check freshness first). */
  hasPeers(): boolean;
  onAnnounce(listener: (seq: number, from: string) => void): () => void;
  close(): void;
}

type Announcement =
  | { readonly type: 'commit'; readonly seq: number; readonly from: string }
  /** A tab starting says hello; the others answer `here`. */
  | { readonly type: 'hello' | 'here'; readonly from: string };

interface LockManagerLike {
  request<T>(name: string, options: { mode: 'exclusive' }, fn: () => Promise<T>): Promise<T>;
}

let counter = 0;
export function newTabId(): string {
  const rnd = Math.random().toString(36).slice(2, 8);
  return `tab-${Date.now().toString(36)}-${rnd}-${++counter}`;
}

/** Web Locks + BroadcastChannel, with whichever of them the host has. */
export function browserTabSync(repositoryName: string): TabSync {
  const tabId = newTabId();
  const g = globalThis as unknown as {
    navigator?: { locks?: LockManagerLike };
    BroadcastChannel?: typeof BroadcastChannel;
  };
  const locks = g.navigator?.locks;
  const channel = g.BroadcastChannel ? new g.BroadcastChannel(`classwright:${repositoryName}`) : null;
  const listeners = new Set<(seq: number, from: string) => void>();
  let peers = false;
  if (channel) {
    channel.onmessage = (e: MessageEvent<Announcement>) => {
      const m = e.data;
      if (!m || m.from === tabId) return;
      peers = true;
      if (m.type === 'hello') channel.postMessage({ type: 'here', from: tabId } satisfies Announcement);
      if (m.type === 'commit') for (const l of listeners) l(m.seq, m.from);
    };
    channel.postMessage({ type: 'hello', from: tabId } satisfies Announcement);
  }
  const lockName = `classwright:${repositoryName}:write`;
  return {
    kind: channel ? (locks ? 'locks+broadcast' : 'broadcast') : 'none',
    tabId,
    withWriteLock: (fn) => (locks ? locks.request(lockName, { mode: 'exclusive' }, fn) : fn()),
    announce: (seq) => channel?.postMessage({ type: 'commit', seq, from: tabId } satisfies Announcement),
    hasPeers: () => peers,
    onAnnounce(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel?.close(),
  };
}

/** One tab alone. */
export function soloTabSync(): TabSync {
  return {
    kind: 'none',
    tabId: newTabId(),
    withWriteLock: (fn) => fn(),
    announce: () => undefined,
    hasPeers: () => false,
    onAnnounce: () => () => undefined,
    close: () => undefined,
  };
}

/**
 * Tabs in one process, for tests: a shared FIFO lock and a bus with asynchronous delivery (like
 * BroadcastChannel). `delayMs` holds announcements back, to exercise the stale-commit path.
 */
export class MemoryTabHub {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly members = new Map<string, Set<(seq: number, from: string) => void>>();
  delayMs = 0;
  /** When false, writes are not serialized (only the storage's seq check protects them). */
  locking = true;
  /** When false, tabs do not know of each other (no freshness read before a write). */
  peers = true;

  connect(): TabSync {
    const tabId = newTabId();
    const listeners = new Set<(seq: number, from: string) => void>();
    this.members.set(tabId, listeners);
    return {
      kind: 'locks+broadcast',
      tabId,
      withWriteLock: <T>(fn: () => Promise<T>): Promise<T> => {
        if (!this.locking) return fn();
        const p = this.tail.then(fn, fn);
        this.tail = p.catch(() => undefined);
        return p;
      },
      announce: (seq) => {
        for (const [id, ls] of this.members) {
          if (id === tabId) continue;
          setTimeout(() => ls.forEach((l) => l(seq, tabId)), this.delayMs);
        }
      },
      hasPeers: () => this.peers && this.members.size > 1,
      onAnnounce(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: () => void this.members.delete(tabId),
    };
  }
}
