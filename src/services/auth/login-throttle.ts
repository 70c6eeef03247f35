/**
 * Slows and then stops password guessing, per username and per client address.
 *
 * Every attempt counts as a failure until it succeeds, so a burst of parallel guesses is
 * counted before any of them is checked. After a few free failures each further attempt must
 * wait twice as long as the last (up to `maxDelayMs`); past `lockoutAfter` failures the key is
 * refused for `lockoutMs`. A quiet `windowMs` forgets the failures.
 *
 * Per instance, in memory: with several instances behind a balancer an attacker gets each
 * instance's allowance, and a restart forgets everything. Good enough against online guessing
 * at scrypt's cost per try; a shared store (the database, Redis) would make it global.
 *
 * Locking per username lets anyone lock a known user out for `lockoutMs`; the window is kept
 * short for that reason, and the address limit is looser because one NAT address may carry a
 * whole office.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  lockoutAfter: number;
  lockoutMs: number;
  windowMs: number;
}

export const USERNAME_POLICY: Readonly<ThrottlePolicy> = Object.freeze({
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  lockoutAfter: 10,
  lockoutMs: 15 * 60_000,
  windowMs: 15 * 60_000,
});

export const ADDRESS_POLICY: Readonly<ThrottlePolicy> = Object.freeze({
  freeFailures: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  lockoutAfter: 100,
  lockoutMs: 15 * 60_000,
  windowMs: 15 * 60_000,
});

/** Bounds memory when an attacker rotates usernames or addresses; the oldest entries go first. */
const MAX_ENTRIES = 50_000;

interface Failures {
  count: number;
  lastAt: number;
}

class Counter {
  private readonly entries = new Map<string, Failures>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitMs(key: string): number {
    const entry = this.current(key);
    if (!entry) return 0;
    const { freeFailures, baseDelayMs, maxDelayMs, lockoutAfter, lockoutMs } = this.policy;
    let delay = 0;
    if (entry.count >= lockoutAfter) delay = lockoutMs;
    else if (entry.count >= freeFailures) delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (entry.count - freeFailures));
    return Math.max(0, entry.lastAt + delay - this.now());
  }

  fail(key: string): void {
    const entry = this.current(key) ?? { count: 0, lastAt: 0 };
    this.entries.delete(key); // re-insert so Map order stays oldest-first
    this.entries.set(key, { count: entry.count + 1, lastAt: this.now() });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  forgiveOne(key: string): void {
    const entry = this.current(key);
    if (!entry) return;
    if (entry.count <= 1) this.entries.delete(key);
    else entry.count -= 1;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Failures | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastAt > this.policy.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

export interface LoginAttemptKey {
  username: string;
  /** Client address; null when unknown (then only the username is limited). */
  address: string | null;
}

export class LoginThrottle {
  private readonly byUsername: Counter;
  private readonly byAddress: Counter;

  constructor(
    usernamePolicy: ThrottlePolicy = USERNAME_POLICY,
    addressPolicy: ThrottlePolicy = ADDRESS_POLICY,
    now: () => number = Date.now,
  ) {
    this.byUsername = new Counter(usernamePolicy, now);
    this.byAddress = new Counter(addressPolicy, now);
  }

  /**
   * Registers an attempt, counted as failed until `succeeded` says otherwise. Returns 0 when
   * the attempt may proceed, else the milliseconds to wait (the attempt is then not counted).
   */
  begin({ username, address }: LoginAttemptKey): number {
    const wait = Math.max(this.byUsername.waitMs(username), address === null ? 0 : this.byAddress.waitMs(address));
    if (wait > 0) return wait;
    this.byUsername.fail(username);
    if (address !== null) this.byAddress.fail(address);
    return 0;
  }

  /** The username starts afresh; the address only gets this attempt back, since others may be guessing from it. */
  succeeded({ username, address }: LoginAttemptKey): void {
    this.byUsername.forget(username);
    if (address !== null) this.byAddress.forgiveOne(address);
  }
}
