// Two tabs of the app on one phone share idb-keyval but only the sync leader exchanges with the server:
// the other tab follows the leader's receipts, quarantine notices and "sync now" through the channel.
import { afterEach, describe, expect, test } from 'vitest';
import { fingerprint, type PlainDoc } from '../../../src/shared';
import { memoryKeyValue } from '../../../src/client/db';
import { crossTab, type CrossTab } from '../../../src/client/sync/cross-tab';
import { loadQuarantineLog, quarantineKey } from '../../../src/client/sync/quarantine';
import { loadReceipts, receiptsKey } from '../../../src/client/sync/receipts';

const open: CrossTab[] = [];
afterEach(() => {
  open.splice(0).forEach((c) => c.close());
});

function tab(name: string): CrossTab {
  const c = crossTab(name);
  open.push(c);
  return c;
}

const nextMessage = (c: CrossTab) =>
  new Promise<string>((resolve) => {
    const stop = c.listen((key) => {
      stop();
      resolve(key);
    });
  });

describe('cross-tab sync bookkeeping', () => {
  test('the other tab reloads the receipts the leader stored and hears which records they cover', async () => {
    const kv = memoryKeyValue(); // one phone: both tabs see the same idb-keyval
    const [leaderTab, otherTab] = [tab('bdhvs-sync:t1'), tab('bdhvs-sync:t1')];
    const leader = await loadReceipts(kv, 'residents', () => leaderTab.announce(receiptsKey('residents')));
    const other = await loadReceipts(kv, 'residents');
    const heard: string[][] = [];
    other.subscribe((ids) => heard.push([...ids]));
    otherTab.listen((key) => key === receiptsKey('residents') && void other.reload());

    const doc: PlainDoc = { id: 'r1', fullName: 'Lê Thị Một' };
    const announced = nextMessage(otherTab);
    await leader.ack([doc]);
    expect(await announced).toBe(receiptsKey('residents'));
    await expect.poll(() => other.get('r1')).toBe(fingerprint(doc));
    expect(heard).toEqual([['r1']]);
    // Reloading again with nothing new tells nobody anything.
    await other.reload();
    expect(heard).toHaveLength(1);
  });

  test('quarantine notices follow too, and a tab of another database hears nothing', async () => {
    const kv = memoryKeyValue();
    const leaderTab = tab('bdhvs-sync:t2');
    const otherTab = tab('bdhvs-sync:t2');
    const stranger = tab('bdhvs-sync:someone-else');
    const strangerHeard: string[] = [];
    stranger.listen((key) => strangerHeard.push(key));
    const leader = await loadQuarantineLog(kv, 'sessions', () =>
      leaderTab.announce(quarantineKey('sessions')),
    );
    const other = await loadQuarantineLog(kv, 'sessions');
    const announced = nextMessage(otherTab);
    const sent = new Map<string, PlainDoc>([['s1', { id: 's1' }]]);
    await leader.record([{ id: 's1', code: 'out_of_scope', message: 'not yours' }], sent);
    expect(await announced).toBe(quarantineKey('sessions'));
    await other.reload();
    expect(other.entries().map((e) => e.id)).toEqual(['s1']);
    expect(strangerHeard).toEqual([]);
  });
});
