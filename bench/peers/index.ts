import { indicatortsPeer } from './indicatorts.ts';
import { ixjb94Peer } from './ixjb94.ts';
import { talibWebPeer } from './talib-web.ts';
import { talibPeer } from './talib.ts';
import { fastTechnicalIndicatorsPeer, technicalIndicatorsPeer } from './technicalindicators.ts';
import { tradingSignalsPeer } from './trading-signals.ts';
import type { Peer } from './types.ts';

/** A peer that could not be loaded here, and why (shown in the report). */
export interface MissingPeer {
  id: string;
  reason: string;
}

/**
 * The peers, loaded one by one so that one that cannot be installed or built here is reported, not
 * fatal. tulind (native, built from source by scripts/postinstall.mjs) is the one most likely to fail.
 */
export async function loadPeers(): Promise<{ peers: Peer[]; missing: MissingPeer[] }> {
  const peers: Peer[] = [talibPeer, talibWebPeer, technicalIndicatorsPeer, tradingSignalsPeer, ixjb94Peer, indicatortsPeer, fastTechnicalIndicatorsPeer];
  const missing: MissingPeer[] = [];
  try {
    peers.splice(1, 0, (await import('./tulind.ts')).tulindPeer);
  } catch (err) {
    missing.push({ id: 'tulind', reason: (err as Error).message.split('\n')[0]! });
  }
  const ready: Peer[] = [];
  for (const peer of peers) {
    try {
      await peer.init?.();
      ready.push(peer);
    } catch (err) {
      missing.push({ id: peer.id, reason: `init failed: ${(err as Error).message.split('\n')[0]}` });
    }
  }
  return { peers: ready, missing };
}
