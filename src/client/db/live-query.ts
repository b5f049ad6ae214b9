// Live lists for screens without per-change O(n) copying: RxDB hands back the same document object for
// an unchanged revision, so each revision is converted to a plain record once and reused afterwards.
import type { RxCollection, RxDocument } from 'rxdb';

/** Calls back with every live (not deleted) record, now and after every change; returns an unsubscribe. */
export function watchRecords<T>(
  collection: RxCollection<T>,
  onChange: (records: T[]) => void,
  order?: (a: T, b: T) => number,
): () => void {
  const plain = new WeakMap<RxDocument<T>, T>();
  const sub = collection.find().$.subscribe((docs) => {
    const records = docs.map((doc) => {
      let record = plain.get(doc);
      if (record === undefined) {
        record = doc.toMutableJSON() as T;
        plain.set(doc, record);
      }
      return record;
    });
    if (order) records.sort(order);
    onChange(records);
  });
  return () => sub.unsubscribe();
}
