import type { Catalogue } from './translate';

/** /admin/webhooks (server/pages/webhooks.ts). */
type Key =
  | 'title'
  | 'intro'
  | 'add'
  | 'url'
  | 'store'
  | 'allStores'
  | 'events'
  | 'allEvents'
  | 'description'
  | 'submit'
  | 'secretTitle'
  | 'secretHint'
  | 'done'
  | 'none'
  | 'enabled'
  | 'disabled'
  | 'failingSince'
  | 'pending'
  | 'enable'
  | 'disable'
  | 'remove'
  | 'removeConfirm'
  | 'deliveries'
  | 'noDeliveries'
  | 'when'
  | 'event'
  | 'status'
  | 'attempts'
  | 'next'
  | 'sent'
  | 'waiting'
  | 'unavailable'
  | 'held'
  | 'reasonGone'
  | 'reasonFailing'
  | 'reasonManual';

export const webhooksText: Catalogue<Key> = {
  'zh-CN': {
    title: 'Webhook 推送',
    intro:
      '把车间里发生的事（开单、阶段变化、工序开始/暂停/完成、缺件、质检、完工、交车、评价、预约）按 Standard Webhooks 规范签名推送给 DMS。失败按计划重试约三天；收到 410 或连续失败数天后停用。',
    add: '添加接收地址',
    url: '接收地址 (URL)',
    store: '门店',
    allStores: '所有门店',
    events: '事件',
    allEvents: '不勾选 = 全部事件（customer.message 须勾选）',
    description: '说明',
    submit: '添加',
    secretTitle: '签名密钥（只显示这一次）',
    secretHint: '请立即复制到 DMS 的 Webhook 配置中；之后无法再次查看。',
    done: '已复制，关闭',
    none: '还没有接收地址。',
    enabled: '启用中',
    disabled: '已停用',
    failingSince: '失败开始于',
    pending: '待发送',
    enable: '重新启用',
    disable: '停用',
    remove: '删除',
    removeConfirm: '删除此接收地址及其待发送的消息？',
    deliveries: '最近的推送',
    noDeliveries: '还没有推送。',
    when: '时间',
    event: '事件',
    status: '结果',
    attempts: '次数',
    next: '下次尝试',
    sent: '已送达',
    waiting: '等待重试',
    unavailable: '此服务器未打开 Webhook 发件箱。',
    held: '暂停（接收地址已停用）',
    reasonGone: '接收方回复 410 Gone（不再接收）',
    reasonFailing: '连续约三天全部失败',
    reasonManual: '已手动停用',
  },
  en: {
    title: 'Webhooks',
    intro:
      'What happens in the workshop (orders opened, stage changes, operations started/paused/finished, parts waits, QC, ready, delivered, surveys, appointments) is sent to the DMS, signed per Standard Webhooks. Failures are retried for about three days; an endpoint is disabled after 410 Gone or days of failure.',
    add: 'Add an endpoint',
    url: 'Endpoint URL',
    store: 'Store',
    allStores: 'Every store',
    events: 'Events',
    allEvents: 'none ticked = every event but customer.message (tick it)',
    description: 'Description',
    submit: 'Add',
    secretTitle: 'Signing secret (shown this once)',
    secretHint: "Copy it into the DMS's webhook settings now; it cannot be shown again.",
    done: 'Copied, close',
    none: 'No endpoints yet.',
    enabled: 'Enabled',
    disabled: 'Disabled',
    failingSince: 'failing since',
    pending: 'waiting',
    enable: 'Enable again',
    disable: 'Disable',
    remove: 'Remove',
    removeConfirm: 'Remove this endpoint and its waiting messages?',
    deliveries: 'Recent deliveries',
    noDeliveries: 'Nothing sent yet.',
    when: 'When',
    event: 'Event',
    status: 'Result',
    attempts: 'Attempts',
    next: 'Next attempt',
    sent: 'delivered',
    waiting: 'waiting to retry',
    unavailable: 'The webhook outbox is not open on this server.',
    held: 'held (endpoint disabled)',
    reasonGone: 'The receiver answered 410 Gone',
    reasonFailing: 'Every attempt failed for about three days',
    reasonManual: 'Disabled by hand',
  },
};
