import type { Locale } from '../../shared/domain/ids';
import type { MessageKind } from '../../shared/domain/notify-config';
import type { RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import { maskPlate } from '../../shared/domain/plate';
import { fillText, NOTIFY_TEXTS, NOTIFY_TITLES } from '../../shared/i18n/notify';
import { formatDateTime } from '../../shared/i18n/translate';
import type { Intent } from './intents';

/**
 * The values each kind's template takes, in this order — Tencent templates number them {1} {2}…
 * in exactly this order; Alibaba Cloud templates name them ${plate} ${link}…
 */
export const PARAMS_OF: Record<MessageKind, readonly string[]> = {
  checked_in: ['plate', 'link'],
  delayed: ['plate', 'time'],
  parts_arrived: ['plate', 'part'],
  approval_waiting: ['plate', 'item', 'link'],
  ready: ['plate', 'desk'],
  survey: ['link'],
};

const DEFAULT_DESK: Record<Locale, string> = { 'zh-CN': '服务前台', en: 'the service desk' };

/** A message's content in one language: template values, and the words push shows. */
export interface Content {
  params: [string, string][];
  title: string;
  body: string;
  url: string;
}

/**
 * The content of one message. The plate is masked as on the lobby board (`粤B·D1**45`): the
 * owner knows it, and a phone's lock screen or a shared tablet shows no more than the lobby does.
 */
export function contentOf(store: Store, ro: RepairOrder, intent: Intent, locale: Locale, baseUrl: string): Content {
  const url = ro.trackingToken ? `${baseUrl.replace(/\/$/, '')}/t/${ro.trackingToken}${locale === 'en' ? '?lang=en' : ''}` : baseUrl;
  const advisorDesk = store.advisors.find((a) => a.id === ro.advisorId)?.desk;
  const all: Record<string, string | undefined> = {
    plate: maskPlate(ro.vehicle.plate, store.country),
    link: url,
    time: intent.values.time ? formatDateTime(intent.values.time, store.timezone, locale) : undefined,
    desk: store.pickupDesk?.[locale] ?? advisorDesk ?? DEFAULT_DESK[locale],
    part: intent.values.part,
    item: intent.values.item,
  };
  const params = PARAMS_OF[intent.kind].map((name): [string, string] => [name, all[name] ?? '']);
  const text = store.notify?.texts[locale]?.[intent.kind] ?? NOTIFY_TEXTS[locale][intent.kind];
  return { params, title: `${store.name[locale]} · ${NOTIFY_TITLES[locale][intent.kind]}`, body: fillText(text, all), url };
}

/** The idempotency key of one message: the same event, hook call or replay always names the same one. */
export const messageKey = (storeId: string, intent: Intent, channel: string, recipient: string) =>
  [storeId, intent.roId, intent.kind, intent.variant, channel, recipient].join(':');
