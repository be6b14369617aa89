import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScanCode, scanCodeInText } from '../../shared/domain/scan-code';
import { CodeSigner, type CodeSubject } from './codes';
import { qrVersion } from './qr';

const key = Buffer.from('k'.repeat(40));
const signer = new CodeSigner(key);
const AT = Date.parse('2026-03-01T08:00:00Z');
const subjects: CodeSubject[] = [
  { kind: 'ro', storeId: 'bj-wangjing', roId: 'ro-1a2b3c4d' },
  { kind: 'operation', storeId: 'bj-wangjing', roId: 'ro-1a2b3c4d', operationId: 'op-5e6f7a8b' },
  { kind: 'bay', storeId: 'bj-wangjing', bayId: 'bay-01' },
  { kind: 'badge', storeId: 'bj-wangjing', personId: 'tech-01' },
];

const Sign = suite('CodeSigner');

Sign('a code names kind, store and ids, and verifies to the same subject and issue time', () => {
  for (const subject of subjects) {
    const token = signer.sign(subject, AT + 999);
    assert.match(token, /^[A-Za-z0-9_.~-]+$/, 'URL-safe as a path segment');
    const verified = signer.verify(token);
    assert.ok(verified.ok);
    if (verified.ok) assert.equal(verified.code, { ...subject, issuedAt: AT });
  }
});

Sign('refuses a code with any one character changed, or signed with another key', () => {
  const token = signer.sign(subjects[1], AT);
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '~') continue;
    const altered = token.slice(0, i) + (token[i] === 'x' ? 'y' : 'x') + token.slice(i + 1);
    assert.not.ok(signer.verify(altered).ok, `changed at ${i}: ${altered}`);
  }
  assert.equal(new CodeSigner(Buffer.from('z'.repeat(40))).verify(token), { ok: false, problem: 'bad_signature' });
});

Sign('refuses malformed codes without throwing', () => {
  for (const bad of ['', '~', 'x~y', 'o~s~ro~t~mac', 'r~bj~ro-1~zz~' + 'A'.repeat(21), `r~bj~ro 1~t~${'A'.repeat(22)}`, 'a'.repeat(400)])
    assert.equal(signer.verify(bad), { ok: false, problem: 'malformed' }, bad);
});

Sign('carries no personal data: ids and a time only', () => {
  const token = signer.sign(subjects[3], AT);
  assert.is(token.split('~').length, 5);
  assert.not.ok(/王|13\d{9}|京A/.test(token));
});

Sign('a job card URL fits a version-6 QR code at level M (41 modules a side)', () => {
  const token = signer.sign({ kind: 'operation', storeId: 'bj-wangjing', roId: 'ro-1a2b3c4d', operationId: 'op-5e6f7a8b' }, AT);
  const url = `http://192.168.100.200:8080/s/${token}`;
  assert.ok(url.length <= 106, `${url.length} bytes`);
  assert.ok(qrVersion(url) <= 6, `version ${qrVersion(url)}`);
});

const Text = suite('scanCodeInText');

Text('finds the code in a scan-page URL, a URL with ?bay=, or a bare code', () => {
  const token = signer.sign(subjects[0], AT);
  assert.is(scanCodeInText(`https://shop.example.cn/s/${token}`), token);
  assert.is(scanCodeInText(`http://10.0.0.5:8080/s/${token}?bay=bay-01\n`), token);
  assert.is(scanCodeInText(token), token);
  assert.is(scanCodeInText('https://example.com/other'), undefined);
  assert.is(parseScanCode(token)?.ids.kind, 'ro');
});

Sign.run();
Text.run();
