import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pageAt } from './pager';

const pager = suite('pageAt');

pager('shows everything on one page when it fits', () => {
  assert.equal(pageAt(3, 5, 99_000, 10_000), { page: 0, pages: 1, start: 0, end: 3 });
});

pager('turns one page per dwell period and starts over', () => {
  assert.equal(pageAt(12, 5, 0, 10_000), { page: 0, pages: 3, start: 0, end: 5 });
  assert.equal(pageAt(12, 5, 10_000, 10_000), { page: 1, pages: 3, start: 5, end: 10 });
  assert.equal(pageAt(12, 5, 25_000, 10_000), { page: 2, pages: 3, start: 10, end: 12 });
  assert.equal(pageAt(12, 5, 30_000, 10_000).page, 0);
});

pager('survives an empty list and silly sizes', () => {
  assert.equal(pageAt(0, 0, 5, 0), { page: 0, pages: 1, start: 0, end: 0 });
});

pager.run();
