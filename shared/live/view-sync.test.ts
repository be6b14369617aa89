import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ViewSync } from './view-sync';

const Revision = suite('ViewSync: ETA revisions');
const synced = (gapless = true) => {
  const sync = new ViewSync(gapless);
  sync.onSnapshot({ seq: 5, view: { header: {}, entries: { 'ro:a': { eta: 'old' } } } });
  return sync;
};

Revision('applies a revision at the seq it shows, and stays at that seq', () => {
  const sync = synced();
  assert.is(sync.onDelta({ seq: 5, set: { 'ro:a': { eta: 'new' } }, del: [], revision: true }), 'applied');
  assert.equal([sync.seq, sync.view!.entries['ro:a']], [5, { eta: 'new' }]);
});
Revision('ignores an ordinary delta at the seq it shows, as before', () => {
  const sync = synced();
  assert.is(sync.onDelta({ seq: 5, set: { 'ro:a': { eta: 'new' } }, del: [] }), 'ignored');
});
Revision('ignores a revision of an older state', () => {
  assert.is(synced().onDelta({ seq: 4, set: { 'ro:a': { eta: 'new' } }, del: [], revision: true }), 'ignored');
});
Revision('a revision of a later state means events were missed: resync', () => {
  assert.is(synced().onDelta({ seq: 7, set: {}, del: [], revision: true }), 'gap');
});
Revision('a tracking view (whole entry in every delta) takes a later revision', () => {
  const sync = synced(false);
  assert.is(sync.onDelta({ seq: 9, set: { 'ro:a': { eta: 'new' } }, del: [], revision: true }), 'applied');
  assert.is(sync.seq, 9);
});
Revision.run();
