import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { announce } from './announcer';

const g = globalThis as Record<string, unknown>;

const withSpeech = (voices: { lang: string; name: string }[]) => {
  const spoken: { text: string; lang: string; voice: unknown }[] = [];
  class Utterance { lang = ''; rate = 1; voice: unknown = null; constructor(readonly text: string) {} }
  g.SpeechSynthesisUtterance = Utterance;
  g.speechSynthesis = { speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice }), getVoices: () => voices };
  return spoken;
};

test.after.each(() => {
  delete g.SpeechSynthesisUtterance;
  delete g.speechSynthesis;
});

test('stays silent, without throwing, where the browser has no speech synthesis', () => {
  assert.is(announce('京 A 1，4 5，请到前台取车', 'zh-CN'), false);
});

test('speaks in the board language, with a matching voice when there is one', () => {
  const spoken = withSpeech([{ lang: 'en-US', name: 'English' }, { lang: 'zh_CN', name: 'Mandarin' }]);
  assert.is(announce('京 A 1，4 5，请到前台取车', 'zh-CN'), true);
  assert.is(spoken.length, 1);
  assert.is(spoken[0]!.lang, 'zh-CN');
  assert.equal(spoken[0]!.voice, { lang: 'zh_CN', name: 'Mandarin' });
});

test('uses the default voice when none matches the language', () => {
  const spoken = withSpeech([{ lang: 'de-DE', name: 'Deutsch' }]);
  assert.is(announce('A 1, 4 5 is ready for pickup', 'en'), true);
  assert.is(spoken[0]!.lang, 'en-US');
  assert.is(spoken[0]!.voice, null);
});

test('a speech engine that throws does not break the board', () => {
  withSpeech([]);
  g.speechSynthesis = { speak: () => { throw new Error('audio device busy'); }, getVoices: () => [] };
  const warn = console.warn;
  console.warn = () => {};
  try {
    assert.is(announce('hello', 'en'), false);
  } finally {
    console.warn = warn;
  }
});

test.run();
