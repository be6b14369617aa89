import type { Locale } from '../../../shared/domain/ids';

const VOICE_LANG: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-US' };

/**
 * What became of one spoken call: `spoken` (the engine said it), `unavailable` (no voice, or the
 * engine refused: Linux Chromium without a speech service answers `synthesis-failed`), or
 * `none` (this browser has no speech synthesis at all).
 */
export type SpeechOutcome = 'spoken' | 'unavailable' | 'none';

/** Errors that mean "this screen cannot speak", as opposed to a call cut short by the next one. */
const NO_VOICE = new Set(['synthesis-failed', 'synthesis-unavailable', 'audio-hardware', 'voice-unavailable', 'language-unavailable', 'not-allowed']);
/** Chromium fills its voice list a moment after the page starts; wait this long for it once. */
const VOICES_WAIT_MS = 1500;
/** A speech engine that never says it finished (some do not): give up on it after this long. */
const SPEAK_LIMIT_MS = 20_000;

type SpeechGlobals = { speechSynthesis?: SpeechSynthesis; SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance };

async function voicesOf(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices?.() ?? [];
  if (now.length || typeof synth.addEventListener !== 'function') return now;
  await new Promise<void>((resolve) => {
    const done = () => {
      synth.removeEventListener?.('voiceschanged', done);
      resolve();
    };
    synth.addEventListener('voiceschanged', done);
    setTimeout(done, VOICES_WAIT_MS);
  });
  return synth.getVoices?.() ?? [];
}

/** Say one utterance and wait for it to end (or fail). */
function sayOnce(
  synth: SpeechSynthesis,
  Utterance: typeof SpeechSynthesisUtterance,
  text: string,
  locale: Locale,
  voice?: SpeechSynthesisVoice,
): Promise<SpeechOutcome> {
  return new Promise((resolve) => {
    const utterance = new Utterance(text);
    utterance.lang = VOICE_LANG[locale];
    utterance.rate = 0.9;
    if (voice) utterance.voice = voice;
    const limit = setTimeout(() => resolve('spoken'), SPEAK_LIMIT_MS);
    utterance.onend = () => {
      clearTimeout(limit);
      resolve('spoken');
    };
    utterance.onerror = (e: SpeechSynthesisErrorEvent) => {
      clearTimeout(limit);
      resolve(NO_VOICE.has(e.error) ? 'unavailable' : 'spoken');
    };
    synth.speak(utterance);
  });
}

/**
 * Speak a pickup call with the browser's own speech synthesis, `times` times over, and say how
 * it went. A browser without speech, or whose engine refuses (no voice: `synthesis-failed`), is told
 * apart from one that spoke, so the board can report it to the fleet page (the chime and the
 * call-out on screen carry the message either way). Never throws.
 */
export async function announce(text: string, locale: Locale, times = 2): Promise<SpeechOutcome> {
  const g = globalThis as SpeechGlobals;
  const synth = g.speechSynthesis;
  const Utterance = g.SpeechSynthesisUtterance;
  if (!synth || typeof Utterance !== 'function') return 'none';
  try {
    // No voice listed is not yet proof: some engines list none and speak with a default one.
    // The first utterance tells; an engine without any voice refuses it (synthesis-failed).
    const voices = await voicesOf(synth);
    const prefix = VOICE_LANG[locale].slice(0, 2).toLowerCase();
    const voice = voices.find((v) => v.lang.toLowerCase().replace('_', '-').startsWith(prefix));
    for (let i = 0; i < times; i++) {
      const outcome = await sayOnce(synth, Utterance, text, locale, voice);
      if (outcome !== 'spoken') return outcome;
    }
    return 'spoken';
  } catch (err) {
    console.warn('[customer-board] speech announcement failed', err);
    return 'unavailable';
  }
}
