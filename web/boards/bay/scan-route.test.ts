import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { scanTokenOf } from '../../common/wedge-scanner';
import { bayQrUrl } from './bay-url';
import { ScanEvent } from './scan-route';

const route = suite('ScanEvent');

route('is announced up through shadow roots and can be cancelled', () => {
  const e = new ScanEvent({ code: 'https://x.cn/s/AbC123xyz', token: scanTokenOf('https://x.cn/s/AbC123xyz')!, bayId: 'bay-01' });
  assert.equal([e.type, e.bubbles, e.composed, e.cancelable], ['scan', true, true, true]);
  assert.is(e.detail.token, 'AbC123xyz');
});

route.run();

const qr = suite('bayQrUrl');

qr("encodes the scan page URL with the bay's signed code under the page origin", () => {
  const code = 'b~bj-wangjing~bay-03~t8k2m1~AAAAAAAAAAAAAAAAAAAAAA';
  assert.is(bayQrUrl('http://10.0.0.5:3000', code), `http://10.0.0.5:3000/s/${code}`);
  assert.is(bayQrUrl('https://x.cn/'), 'https://x.cn/s', "without a code: the scan page's start");
});

qr.run();
