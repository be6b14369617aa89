import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { advisorTitle, maskName, maskPhone } from './mask';

const Name = suite('maskName');

Name('keeps a Han surname whole and titles it in each page language', () => {
  assert.equal(maskName('张伟', 'mr'), { 'zh-CN': '张先生', en: 'Mr. 张' });
  assert.equal(maskName('李娜', 'ms'), { 'zh-CN': '李女士', en: 'Ms. 李' });
  assert.equal(maskName('王芳', 'none'), { 'zh-CN': '王**', en: '王**' });
});

Name('keeps a two-character surname (欧阳) whole, but not when it is the whole name', () => {
  assert.equal(maskName('欧阳娜娜', 'ms'), { 'zh-CN': '欧阳女士', en: 'Ms. 欧阳' });
  assert.equal(maskName('欧阳', 'mr')['zh-CN'], '欧先生');
});

Name('masks a Latin name by the initial of its family name, the English way, on both pages', () => {
  assert.equal(maskName('Wei Zhang', 'mr'), { 'zh-CN': 'Z先生', en: 'Mr. Z.' });
  assert.equal(maskName('Anna Müller', 'ms'), { 'zh-CN': 'M女士', en: 'Ms. M.' });
  assert.equal(maskName('john smith', 'none'), { 'zh-CN': 'S.', en: 'S.' });
});

Name('finds the family name written first: before a comma, or in capitals as passports write it', () => {
  assert.is(maskName('Zhang, Wei', 'mr').en, 'Mr. Z.');
  assert.is(maskName('ZHANG Wei', 'mr').en, 'Mr. Z.');
  assert.is(maskName('Wang Xiaoming', 'mr').en, 'Mr. X.', 'without a hint the last word is the family name');
});

Name('never shows markup or symbols, whatever was typed', () => {
  assert.equal(maskName('<b>Smith</b>', 'ms'), { 'zh-CN': 'S女士', en: 'Ms. S.' });
  assert.equal(maskName('Wei <script>alert(1)</script>', 'mr'), { 'zh-CN': 'A先生', en: 'Mr. A.' });
  assert.equal(maskName('<b>', 'mr'), { 'zh-CN': '', en: '' });
  assert.equal(maskName('<张伟>', 'mr'), { 'zh-CN': '张先生', en: 'Mr. 张' });
  assert.equal(maskName('<>&"', 'mr'), { 'zh-CN': '', en: '' });
  assert.equal(maskName('😀 Wei Zhang', 'ms'), { 'zh-CN': 'Z女士', en: 'Ms. Z.' });
  for (const name of ['<img src=x>', '"&amp;', "O'Brien <3", '  ']) {
    const masked = maskName(name, 'mr');
    for (const text of Object.values(masked)) assert.not.match(text, /[<>&"'`]/, `${name} → ${text}`);
  }
});

Name('gives away at most the surname: no given name survives', () => {
  for (const text of Object.values(maskName('Wei Zhang', 'mr'))) assert.not.match(text, /Wei|Zhang/);
  for (const text of Object.values(maskName('张伟', 'mr'))) assert.not.match(text, /伟/);
});

Name.run();

const Phone = suite('maskPhone');
Phone('keeps the first three and last four digits of a mobile', () => {
  assert.is(maskPhone('13812345678'), '138****5678');
  assert.is(maskPhone('123'), '****');
});
Phone.run();

const Advisor = suite('advisorTitle');

Advisor('names the answering advisor by surname and title only', () => {
  assert.equal(advisorTitle('王磊'), { 'zh-CN': '王顾问', en: 'Advisor 王' });
  assert.equal(advisorTitle('欧阳娜娜'), { 'zh-CN': '欧阳顾问', en: 'Advisor 欧阳' });
  assert.equal(advisorTitle('Lei WANG'), { 'zh-CN': 'Wang 顾问', en: 'Advisor Wang' });
  assert.equal(advisorTitle('Anna Smith'), { 'zh-CN': 'Smith 顾问', en: 'Advisor Smith' });
});

Advisor('gives nothing for an empty or symbol-only name, so the kiosk says "an advisor"', () => {
  assert.is(advisorTitle(undefined), undefined);
  assert.is(advisorTitle('  '), undefined);
  assert.is(advisorTitle('<b></b>🙂'), undefined);
});
Advisor.run();
