import type { Locale } from '../../shared/domain/ids';

const VOICE_LANG: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-US' };

/**
 * Speak a pickup announcement with the browser's own speech synthesis. Kiosk browsers without
 * it (or without a voice for the language) stay silent rather than fail: the call-out on the
 * screen carries the same message. Returns whether speech was queued.
 */
export function announce(text: string, locale: Locale): boolean {
  const g = globalThis as { speechSynthesis?: SpeechSynthesis; SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance };
  const synth = g.speechSynthesis;
  if (!synth || typeof g.SpeechSynthesisUtterance !== 'function') return false;
  try {
    const utterance = new g.SpeechSynthesisUtterance(text);
    utterance.lang = VOICE_LANG[locale];
    utterance.rate = 0.9;
    const prefix = VOICE_LANG[locale].slice(0, 2).toLowerCase();
    const voice = synth.getVoices?.().find((v) => v.lang.toLowerCase().replace('_', '-').startsWith(prefix));
    if (voice) utterance.voice = voice;
    synth.speak(utterance);
    return true;
  } catch (err) {
    console.warn('[customer-board] speech announcement failed', err);
    return false;
  }
}
