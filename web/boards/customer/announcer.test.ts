import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { announce } from './announcer';

const g = globalThis as Record<string, unknown>;

type Fake = { text: string; lang: string; voice: unknown; onend?: () => void; onerror?: (e: { error: string }) => void };

/** A speech engine with these voices; `fail` makes every utterance end in that error. */
const withSpeech = (voices: { lang: string; name: string }[], fail?: string) => {
  const spoken: Fake[] = [];
  class Utterance {
    lang = '';
    rate = 1;
    voice: unknown = null;
    onend?: () => void;
    onerror?: (e: { error: string }) => void;
    constructor(readonly text: string) {}
  }
  g.SpeechSynthesisUtterance = Utterance;
  g.speechSynthesis = {
    speak: (u: Utterance) => {
      spoken.push(u);
      queueMicrotask(() => (fail ? u.onerror?.({ error: fail }) : u.onend?.()));
    },
    getVoices: () => voices,
  };
  return spoken;
};

test.after.each(() => {
  delete g.SpeechSynthesisUtterance;
  delete g.speechSynthesis;
});

test('says "none", without throwing, where the browser has no speech synthesis', async () => {
  assert.is(await announce('京 A 1，4 5，请到前台取车', 'zh-CN'), 'none');
});

test('speaks the call twice in the board language, with a matching voice when there is one', async () => {
  const spoken = withSpeech([
    { lang: 'en-US', name: 'English' },
    { lang: 'zh_CN', name: 'Mandarin' },
  ]);
  assert.is(await announce('京 A 1，4 5，请到服务前台 B 区结算取车', 'zh-CN'), 'spoken');
  assert.is(spoken.length, 2);
  assert.equal(
    spoken.map((u) => u.text),
    ['京 A 1，4 5，请到服务前台 B 区结算取车', '京 A 1，4 5，请到服务前台 B 区结算取车'],
  );
  assert.is(spoken[0]!.lang, 'zh-CN');
  assert.equal(spoken[0]!.voice, { lang: 'zh_CN', name: 'Mandarin' });
});

test('uses the default voice when none matches the language', async () => {
  const spoken = withSpeech([{ lang: 'de-DE', name: 'Deutsch' }]);
  assert.is(await announce('A 1, 4 5 is ready for pickup', 'en', 1), 'spoken');
  assert.is(spoken[0]!.lang, 'en-US');
  assert.is(spoken[0]!.voice, null);
});

test('an engine that lists no voice and refuses the first call is "unavailable" after one try', async () => {
  const spoken = withSpeech([], 'synthesis-failed');
  assert.is(await announce('hello', 'en'), 'unavailable');
  assert.is(spoken.length, 1);
});

test('an engine that fails with synthesis-failed is "unavailable" and is not asked again', async () => {
  const spoken = withSpeech([{ lang: 'en-US', name: 'English' }], 'synthesis-failed');
  assert.is(await announce('hello', 'en'), 'unavailable');
  assert.is(spoken.length, 1);
});

test('an utterance interrupted by the next call still counts as spoken', async () => {
  withSpeech([{ lang: 'en-US', name: 'English' }], 'interrupted');
  assert.is(await announce('hello', 'en'), 'spoken');
});

test('a speech engine that throws does not break the board', async () => {
  withSpeech([]);
  g.speechSynthesis = {
    speak: () => {
      throw new Error('audio device busy');
    },
    getVoices: () => [{ lang: 'en-US', name: 'x' }],
  };
  const warn = console.warn;
  console.warn = () => {};
  try {
    assert.is(await announce('hello', 'en'), 'unavailable');
  } finally {
    console.warn = warn;
  }
});

test.run();
