import type { ConversationDeps } from '../../lambdas/core/conversation/conversation-deps.js';

/** What a store outage looks like to the code: the SDK's error after its own retries. */
export class StoreUnavailableError extends Error {
  override readonly name = 'ServiceUnavailable';
  constructor(method: string) {
    super(`injected fault: ${method} failed`);
  }
}

/**
 * A switch for one port: every call (or the calls to the named methods) fails or waits
 * while it is set. Tests flip it between requests; `calls` counts what went through.
 */
export class PortFaults {
  private failing: ReadonlySet<string> | 'all' | undefined;
  private delayMs = 0;
  private readonly once = new Map<string, number>();
  private slowMatching: { text: string; ms: number } | undefined;
  private readonly gates = new Map<string, { arrive: () => void; gate: Promise<void> }>();
  private readonly releases: Array<() => void> = [];
  calls = 0;

  /** Fails every call, or only calls to these methods. */
  fail(methods?: string[]): void {
    this.failing = methods ? new Set(methods) : 'all';
  }

  /** Delays every call by `ms` before it reaches the store. */
  slow(ms: number): void {
    this.delayMs = ms;
  }

  /** Delays by `ms` only the calls whose arguments mention `text` (one slow number or chat). */
  slowFor(text: string, ms: number): void {
    this.slowMatching = { text, ms };
  }

  /**
   * Holds the next call to `method` at the door until released (`reached` resolves when it
   * arrives); later calls pass. To make a race happen at a chosen moment.
   */
  hold(method: string): { reached: Promise<void>; release: () => void } {
    let arrive!: () => void;
    let open!: () => void;
    const reached = new Promise<void>((resolve) => (arrive = resolve));
    const gate = new Promise<void>((resolve) => (open = resolve));
    this.gates.set(method, { arrive, gate });
    this.releases.push(open);
    return { reached, release: open };
  }

  /** Fails only the next `times` calls to `method` (one failed write, then the store is back). */
  failNext(method: string, times = 1): void {
    this.once.set(method, (this.once.get(method) ?? 0) + times);
  }

  heal(): void {
    this.failing = undefined;
    this.delayMs = 0;
    this.once.clear();
    this.slowMatching = undefined;
    this.gates.clear();
    for (const release of this.releases.splice(0)) release();
  }

  async before(method: string, args: unknown[] = []): Promise<void> {
    this.calls += 1;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const held = this.gates.get(method);
    if (held) {
      this.gates.delete(method);
      held.arrive();
      await held.gate;
    }
    const slow = this.slowMatching;
    if (slow && JSON.stringify(args).includes(slow.text)) await new Promise((resolve) => setTimeout(resolve, slow.ms));
    if (this.failing === 'all' || this.failing?.has(method)) throw new StoreUnavailableError(method);
    const left = this.once.get(method) ?? 0;
    if (left > 0) {
      this.once.set(method, left - 1);
      throw new StoreUnavailableError(method);
    }
  }
}

/** A decorator for any port: each async method passes through `faults` first. */
export function withFaults<T extends object>(port: T, faults: PortFaults): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const member = Reflect.get(target, property, receiver) as unknown;
      if (typeof member !== 'function' || typeof property !== 'string') return member;
      return async (...args: unknown[]) => {
        await faults.before(property, args);
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export interface StoreFaults {
  conversations: PortFaults;
  directory: PortFaults;
  /** For `startTestStack`'s `decorate` option. */
  decorate: (deps: ConversationDeps) => ConversationDeps;
}

/** Fault switches for both repositories of the conversation core. */
export function storeFaults(): StoreFaults {
  const conversations = new PortFaults();
  const directory = new PortFaults();
  return {
    conversations,
    directory,
    decorate: (deps) => ({
      ...deps,
      conversations: withFaults(deps.conversations, conversations),
      directory: withFaults(deps.directory, directory),
      // Its reads span both tables: either switch fails or slows them.
      inboundReads: withFaults(withFaults(deps.inboundReads, directory), conversations),
    }),
  };
}
