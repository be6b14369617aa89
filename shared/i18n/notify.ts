import type { Locale } from '../domain/ids';
import type { MessageKind } from '../domain/notify-config';

/**
 * The words of the messages a visit sends (server/notify), as Web Push shows them and the staff
 * delivery log previews them. SMS providers send only templates approved in their consoles, so
 * a store registers the same wording there and names the template ids in its config; the values
 * filled in are the same: {plate} {link} {time} {desk} {part} {item}. A store may override any
 * text in `notify.texts`.
 */
export const NOTIFY_TEXTS: Record<Locale, Record<MessageKind, string>> = {
  'zh-CN': {
    checked_in: '您的爱车{plate}已登记，查看维修进度：{link}',
    delayed: '抱歉，您的爱车{plate}需要更久，新的预计完工时间为{time}。',
    parts_arrived: '您的爱车{plate}所需配件（{part}）已到店，维修继续进行。',
    approval_waiting: '您的爱车{plate}有一项增项待您确认：{item}。请打开 {link} 查看并确认。',
    ready: '您的爱车{plate}已可取车，请到{desk}办理。',
    survey: '感谢光临！请为本次服务打分：{link}',
  },
  en: {
    checked_in: 'Your car {plate} is checked in. Follow the work here: {link}',
    delayed: 'Sorry, your car {plate} needs longer. The new expected time is {time}.',
    parts_arrived: 'The part for your car {plate} ({part}) has arrived; work continues.',
    approval_waiting: 'Extra work on your car {plate} needs your approval: {item}. Open {link} to see it and decide.',
    ready: 'Your car {plate} is ready. Please collect it at {desk}.',
    survey: 'Thank you for visiting! Please rate our service: {link}',
  },
};

/** The title a push notification shows above the text. */
export const NOTIFY_TITLES: Record<Locale, Record<MessageKind, string>> = {
  'zh-CN': { checked_in: '已登记', delayed: '完工时间推迟', parts_arrived: '配件已到', approval_waiting: '增项待确认', ready: '可以取车', survey: '服务评价' },
  en: {
    checked_in: 'Checked in',
    delayed: 'Running late',
    parts_arrived: 'Part arrived',
    approval_waiting: 'Approval needed',
    ready: 'Ready for pickup',
    survey: 'How did we do?',
  },
};

/** What the tracking page's subscribe control says. */
export const PUSH_BUTTON_TEXT = {
  'zh-CN': {
    offer: '开启浏览器通知',
    lead: '车辆可取、延时或有增项时，浏览器会提醒您。',
    on: '已开启浏览器通知',
    off: '关闭通知',
    busy: '正在开启…',
    denied: '浏览器已禁止通知，可在浏览器设置中开启。',
    unsupported: '此浏览器不支持通知。',
    failed: '开启失败，请稍后再试。',
  },
  en: {
    offer: 'Turn on notifications',
    lead: 'Your browser tells you when the car is ready, running late or needs an approval.',
    on: 'Notifications are on',
    off: 'Turn off',
    busy: 'Turning on…',
    denied: 'Notifications are blocked in this browser; allow them in its settings.',
    unsupported: 'This browser cannot show notifications.',
    failed: 'That did not work; please try again.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** Fill `{name}` placeholders; an unknown one is left out rather than shown as braces. */
export const fillText = (text: string, values: Readonly<Record<string, string | undefined>>): string =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

/** The staff's delivery log (dispatch board, RO dialog). */
export const DELIVERY_LOG_TEXT = {
  'zh-CN': {
    tab: '客户通知',
    loading: '正在读取通知记录…',
    empty: '尚未给客户发送任何通知。',
    failed: '通知记录读取失败：{reason}',
    'col.when': '时间',
    'col.what': '通知',
    'col.to': '发给',
    'col.status': '状态',
    'col.why': '说明',
    'channel.sms': '短信',
    'channel.push': '浏览器通知',
    'kind.checked_in': '登记成功',
    'kind.delayed': '延时',
    'kind.parts_arrived': '配件到店',
    'kind.approval_waiting': '增项待确认',
    'kind.ready': '可以取车',
    'kind.survey': '满意度问卷',
    'status.queued': '待发送',
    'status.held': '免打扰暂缓',
    'status.retrying': '重试中',
    'status.sending': '发送中',
    'status.sent': '已发送',
    'status.delivered': '已送达',
    'status.failed': '失败',
    'status.skipped': '未发送',
  },
  en: {
    tab: 'Customer messages',
    loading: 'Reading the messages…',
    empty: 'Nothing has been sent to the customer yet.',
    failed: 'Could not read the messages: {reason}',
    'col.when': 'When',
    'col.what': 'Message',
    'col.to': 'To',
    'col.status': 'Status',
    'col.why': 'Details',
    'channel.sms': 'SMS',
    'channel.push': 'Browser',
    'kind.checked_in': 'Checked in',
    'kind.delayed': 'Delayed',
    'kind.parts_arrived': 'Parts arrived',
    'kind.approval_waiting': 'Approval waiting',
    'kind.ready': 'Ready',
    'kind.survey': 'Survey',
    'status.queued': 'Queued',
    'status.held': 'Held (quiet hours)',
    'status.retrying': 'Retrying',
    'status.sending': 'Sending',
    'status.sent': 'Sent',
    'status.delivered': 'Delivered',
    'status.failed': 'Failed',
    'status.skipped': 'Not sent',
  },
} as const satisfies Record<Locale, Record<string, string>>;
