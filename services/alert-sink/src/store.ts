import type { WebhookPayload } from './payload.ts';

export interface StoredNotification {
  /** Increasing from 1 in arrival order. */
  id: number;
  receivedAt: string;
  payload: WebhookPayload;
}

/** The last `capacity` notifications, in memory; older ones are dropped. */
export class NotificationStore {
  readonly capacity: number;
  #items: StoredNotification[] = [];
  #received = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  add(payload: WebhookPayload, now: Date = new Date()): StoredNotification {
    const item = { id: ++this.#received, receivedAt: now.toISOString(), payload };
    this.#items.push(item);
    if (this.#items.length > this.capacity) this.#items.shift();
    return item;
  }

  /** Newest first. */
  recent(): StoredNotification[] {
    return this.#items.toReversed();
  }

  get received(): number {
    return this.#received;
  }

  get size(): number {
    return this.#items.length;
  }
}
