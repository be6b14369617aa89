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

qr('encodes the bay scan URL under the page origin', () => {
  assert.is(bayQrUrl('http://10.0.0.5:3000', 'bj-wangjing', 'bay-03'), 'http://10.0.0.5:3000/s/bay/bj-wangjing/bay-03');
  assert.is(bayQrUrl('https://x.cn/', 's', 'b'), 'https://x.cn/s/bay/s/b');
});

qr.run();
