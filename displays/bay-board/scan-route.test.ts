import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { scanTokenOf } from '../common/wedge-scanner';
import { bayQrUrl } from './bay-url';
import { routeToScan, scanFlowUrl } from './scan-route';

const route = suite('scan routing');

route('sends a scanned job card to the scan flow with the bay preselected', () => {
  assert.is(scanFlowUrl('eyJ2IjoxfQ.sig', 'bay-03'), '/s/eyJ2IjoxfQ.sig?bay=bay-03');
});

route('routes a scanned scan-page URL to the same place as its bare token', () => {
  const viaUrl = scanFlowUrl(scanTokenOf('https://shop.example.cn/s/AbC123xyz')!, 'bay-01');
  const viaToken = scanFlowUrl(scanTokenOf('AbC123xyz')!, 'bay-01');
  assert.is(viaUrl, viaToken);
});

route('escapes what it puts in the URL', () => {
  assert.is(scanFlowUrl('op/store 1/x', 'bay 1&x=2'), '/s/op/store%201/x?bay=bay%201%26x%3D2');
});

route('navigates through the location it is given', () => {
  const went: string[] = [];
  routeToScan('/s/t?bay=b', { assign: (u: string | URL) => void went.push(String(u)) });
  assert.equal(went, ['/s/t?bay=b']);
});

route.run();

const qr = suite('bayQrUrl');

qr('encodes the scan page URL with the bay\'s signed code under the page origin', () => {
  const code = 'b~bj-wangjing~bay-03~t8k2m1~AAAAAAAAAAAAAAAAAAAAAA';
  assert.is(bayQrUrl('http://10.0.0.5:3000', code), `http://10.0.0.5:3000/s/${code}`);
  assert.is(bayQrUrl('https://x.cn/'), 'https://x.cn/s', 'without a code: the scan page\'s start');
});

qr.run();
