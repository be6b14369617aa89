import type { Catalogue } from './translate';

type Key =
  | 'title'
  | 'tab.due'
  | 'tab.parts'
  | 'window'
  | 'window.overdue'
  | 'window.7'
  | 'window.30'
  | 'window.90'
  | 'type'
  | 'type.all'
  | 'type.service'
  | 'type.insurance'
  | 'type.inspection'
  | 'loading'
  | 'error'
  | 'retry'
  | 'none'
  | 'count'
  | 'hidden'
  | 'col.urgency'
  | 'col.car'
  | 'col.customer'
  | 'col.due'
  | 'col.actions'
  | 'urgency.overdue'
  | 'urgency.urgent'
  | 'urgency.soon'
  | 'urgency.later'
  | 'due.km'
  | 'due.months'
  | 'due.date'
  | 'due.in'
  | 'due.today'
  | 'due.ago'
  | 'due.lastDone'
  | 'due.estimated'
  | 'due.rateOwn'
  | 'due.rateDefault'
  | 'insurance'
  | 'inspection'
  | 'book'
  | 'contacted'
  | 'notInterested'
  | 'contactedBy'
  | 'saving'
  | 'undoHint'
  | 'parts.none'
  | 'parts.ro'
  | 'parts.car'
  | 'parts.part'
  | 'parts.eta'
  | 'parts.state'
  | 'parts.dueToday'
  | 'parts.late'
  | 'parts.alarm'
  | 'parts.hint'
  | 'lastVisit';

/** The front desk's due list, /reminders (web/desk/reminders). */
export const reminders = {
  'zh-CN': {
    title: '维修提醒',
    'tab.due': '到期提醒',
    'tab.parts': '备件到货',
    window: '时间范围',
    'window.overdue': '已逾期',
    'window.7': '7天内',
    'window.30': '30天内',
    'window.90': '90天内',
    type: '提醒类型',
    'type.all': '全部',
    'type.service': '保养',
    'type.insurance': '保险到期',
    'type.inspection': '年检',
    loading: '正在读取…',
    error: '读取失败：{message}',
    retry: '重试',
    none: '这个时间范围内没有到期的车辆。',
    count: '{n} 辆车',
    hidden: '未列出：已预约或在店 {open} 辆，客户不需要 {declined} 辆',
    'col.urgency': '紧急程度',
    'col.car': '车辆',
    'col.customer': '客户',
    'col.due': '到期项目',
    'col.actions': '操作',
    'urgency.overdue': '已逾期',
    'urgency.urgent': '紧急',
    'urgency.soon': '即将到期',
    'urgency.later': '稍后',
    'due.km': '按里程 {km} 公里',
    'due.months': '按时间',
    'due.date': '到期日',
    'due.in': '{n} 天后',
    'due.today': '今天',
    'due.ago': '逾期 {n} 天',
    'due.lastDone': '上次 {date}',
    'due.estimated': '估算当前 {km} 公里',
    'due.rateOwn': '日均 {km} 公里（本车记录）',
    'due.rateDefault': '日均 {km} 公里（默认）',
    insurance: '交强险到期',
    inspection: '年检到期',
    book: '预约',
    contacted: '已联系',
    notInterested: '不需要',
    contactedBy: '{by} 于 {time} 已联系',
    saving: '正在保存…',
    undoHint: '记录后会写入日志（谁、何时、哪条提醒）。',
    'parts.none': '今天没有到货或逾期的备件。',
    'parts.ro': '工单',
    'parts.car': '车辆 / 客户',
    'parts.part': '备件',
    'parts.eta': '预计到货',
    'parts.state': '状态',
    'parts.dueToday': '今天到货',
    'parts.late': '已逾期',
    'parts.alarm': '调度看板已报警',
    'parts.hint': '备件今天到货或已逾期时提醒接待和调度；逾期的与调度看板上的报警是同一条。',
    lastVisit: '上次进店 {date}',
  },
  en: {
    title: 'Reminders',
    'tab.due': 'Due list',
    'tab.parts': 'Parts due',
    window: 'Window',
    'window.overdue': 'Overdue',
    'window.7': 'Next 7 days',
    'window.30': 'Next 30 days',
    'window.90': 'Next 90 days',
    type: 'Reminder type',
    'type.all': 'All',
    'type.service': 'Service',
    'type.insurance': 'Insurance',
    'type.inspection': 'Inspection',
    loading: 'Loading…',
    error: 'Could not load: {message}',
    retry: 'Try again',
    none: 'No cars are due in this window.',
    count: 'Cars due: {n}',
    hidden: 'not listed: booked or in the shop {open}, not interested {declined}',
    'col.urgency': 'Urgency',
    'col.car': 'Car',
    'col.customer': 'Customer',
    'col.due': 'Due',
    'col.actions': 'Actions',
    'urgency.overdue': 'Overdue',
    'urgency.urgent': 'Urgent',
    'urgency.soon': 'Soon',
    'urgency.later': 'Later',
    'due.km': 'by mileage, {km} km',
    'due.months': 'by time',
    'due.date': 'due date',
    'due.in': 'in {n} days',
    'due.today': 'today',
    'due.ago': '{n} days overdue',
    'due.lastDone': 'last {date}',
    'due.estimated': 'about {km} km now',
    'due.rateOwn': '{km} km a day (its own readings)',
    'due.rateDefault': '{km} km a day (default)',
    insurance: 'Insurance expires',
    inspection: 'Annual inspection',
    book: 'Book',
    contacted: 'Contacted',
    notInterested: 'Not interested',
    contactedBy: 'Contacted by {by}, {time}',
    saving: 'Saving…',
    undoHint: 'Recorded in the log: who, when, which reminder.',
    'parts.none': 'No parts are due today or late.',
    'parts.ro': 'RO',
    'parts.car': 'Car / customer',
    'parts.part': 'Part',
    'parts.eta': 'Expected',
    'parts.state': 'State',
    'parts.dueToday': 'Due today',
    'parts.late': 'Late',
    'parts.alarm': 'Alarm on the dispatch board',
    'parts.hint': 'Parts due today or late, for the advisor and the dispatcher; a late one is the same alarm the dispatch board shows.',
    lastVisit: 'Last visit {date}',
  },
} satisfies Catalogue<Key>;
export type RemindersKey = Key;
