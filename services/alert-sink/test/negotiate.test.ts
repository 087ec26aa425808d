import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prefersHtml } from '../src/negotiate.ts';
import { NotificationStore } from '../src/store.ts';
import { payload } from './fixtures.ts';

test('HTML goes to browsers, JSON to everyone else', () => {
  assert.equal(prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'), true);
  assert.equal(prefersHtml('text/html'), true);
  assert.equal(prefersHtml('*/*'), false);
  assert.equal(prefersHtml(undefined), false);
  assert.equal(prefersHtml('application/json'), false);
  assert.equal(prefersHtml('application/json, text/html;q=0.5'), false);
  assert.equal(prefersHtml('text/html;q=0.9, application/json;q=0.8'), true);
  assert.equal(prefersHtml('text/*, application/json;q=0.1'), true);
  assert.equal(prefersHtml('text/html;q=nonsense'), false);
});

test('the store keeps the last `capacity` notifications and counts all', () => {
  const store = new NotificationStore(3);
  for (let i = 0; i < 5; i++) store.add(payload(`r${i}`, []), new Date(Date.UTC(2026, 0, 1, 0, i)));
  assert.equal(store.received, 5);
  assert.equal(store.size, 3);
  assert.deepEqual(store.recent().map((n) => [n.id, n.payload.receiver, n.receivedAt]), [
    [5, 'r4', '2026-01-01T00:04:00.000Z'],
    [4, 'r3', '2026-01-01T00:03:00.000Z'],
    [3, 'r2', '2026-01-01T00:02:00.000Z'],
  ]);
  assert.throws(() => new NotificationStore(0), RangeError);
});
