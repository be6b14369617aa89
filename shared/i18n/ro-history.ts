import type { ActorKind, Source } from '../workflow/events';
import type { Catalogue } from './translate';

type FactKey =
  | 'created'
  | 'createdScheduled'
  | 'updated'
  | 'checkedIn'
  | 'checkedInQueue'
  | 'sentToWorkshop'
  | 'qcPassed'
  | 'qcFailed'
  | 'washFinished'
  | 'markedReady'
  | 'delivered'
  | 'cancelled'
  | 'noShow'
  | 'survey'
  | 'opAdded'
  | 'opAssigned'
  | 'opAssignedTech'
  | 'opStarted'
  | 'opStartedAt'
  | 'opPaused'
  | 'opPausedParts'
  | 'opResumed'
  | 'opFinished'
  | 'partsEta'
  | 'appointmentCancelled'
  | 'appointmentNoShow'
  | 'addOnProposed'
  | 'addOnApproved'
  | 'addOnDeclined'
  | 'other';
type FieldKey = 'promisedAt' | 'promisedAtCleared' | 'priority' | 'wash' | 'washOff' | 'description' | 'advisorId' | 'vehicle' | 'customer';
type Key =
  | `fact.${FactKey}`
  | `field.${FieldKey}`
  | `actor.${ActorKind}`
  | `source.${Source}`
  | `priority.${'normal' | 'high' | 'urgent'}`
  | `next.${'washing' | 'ready'}`
  | `addOnBy.${'customer' | 'advisor'}`
  | `addOnChannel.${'phone-page' | 'phone-call' | 'desk'}`
  | 'list'
  | 'title'
  | 'loading'
  | 'empty'
  | 'failed'
  | 'more'
  | 'col.when'
  | 'col.who'
  | 'col.what'
  | 'col.from'
  | 'board.dispatch'
  | 'board.bay'
  | 'board.customer'
  | 'board.tracking';

/**
 * A repair order's history (工单记录): one line per event, who did it and from where. The server
 * writes each line in both languages (shared/projections/ro-history.ts) so an integration reads
 * it too; the dispatch board's dialog takes the labels for who and where from here.
 */
export const roHistory = {
  en: {
    'fact.created': 'Opened the order',
    'fact.createdScheduled': 'Prepared the order for an appointment',
    'fact.updated': 'Changed {fields}',
    'fact.checkedIn': 'Checked the car in',
    'fact.checkedInQueue': 'Checked the car in (queue {queue})',
    'fact.sentToWorkshop': 'Sent the car to the workshop',
    'fact.qcPassed': 'Passed quality check → {next}',
    'fact.qcFailed': 'Failed quality check: {reason} ({count} to redo)',
    'fact.washFinished': 'Finished the wash',
    'fact.markedReady': 'Marked ready for pickup',
    'fact.delivered': 'Delivered the car',
    'fact.cancelled': 'Cancelled: {reason}',
    'fact.noShow': 'Marked as no-show',
    'fact.survey': 'Customer rated the visit {score}/5',
    'fact.opAdded': 'Added “{op}”',
    'fact.opAssigned': 'Assigned “{op}” to {bay}',
    'fact.opAssignedTech': 'Assigned “{op}” to {bay}, {tech}',
    'fact.opStarted': 'Started “{op}”',
    'fact.opStartedAt': 'Started “{op}” at {bay}',
    'fact.opPaused': 'Paused “{op}”: {reason}',
    'fact.opPausedParts': 'Paused “{op}”: waiting for {part}',
    'fact.opResumed': 'Resumed “{op}”',
    'fact.partsEta': 'Parts for “{op}” now expected {time}',
    'fact.opFinished': 'Finished “{op}” ({minutes} min of work)',
    'fact.addOnProposed': 'Proposed add-on work “{title}” ({price}, {hours} h, {photos} photos)',
    'fact.addOnApproved': 'Add-on “{title}” approved by {who} ({channel})',
    'fact.addOnDeclined': 'Add-on “{title}” declined by {who} ({channel})',
    'addOnBy.customer': 'the customer',
    'addOnBy.advisor': 'the advisor',
    'addOnChannel.phone-page': 'on the phone page',
    'addOnChannel.phone-call': 'by phone',
    'addOnChannel.desk': 'at the desk',
    'fact.appointmentCancelled': 'Appointment cancelled, and the prepared order with it',
    'fact.appointmentNoShow': 'Appointment not kept',
    'fact.other': '{type}',
    'field.promisedAt': 'promised time to {time}',
    'field.promisedAtCleared': 'promised time (cleared)',
    'field.priority': 'priority to {priority}',
    'field.wash': 'wash (on)',
    'field.washOff': 'wash (off)',
    'field.description': 'description',
    'field.advisorId': 'advisor to {advisor}',
    'field.vehicle': 'vehicle details',
    'field.customer': 'customer details',
    'actor.staff': 'Staff',
    'actor.technician': 'Technician',
    'actor.integration': 'Integration',
    'actor.display': 'Screen',
    'actor.customer': 'Customer',
    'actor.kiosk': 'Kiosk',
    'actor.system': 'System',
    'source.kiosk': 'Kiosk',
    'source.scan': 'Scan page',
    'source.dispatch': 'Dispatch board',
    'source.api': 'API',
    'source.system': 'Server',
    'priority.normal': 'normal',
    'priority.high': 'high',
    'priority.urgent': 'urgent',
    'next.washing': 'washing',
    'next.ready': 'ready for pickup',
    list: ', ',
    title: 'History',
    loading: 'Loading the history…',
    empty: 'Nothing recorded yet',
    failed: 'The history could not be loaded: {reason}',
    more: 'Showing the first {count} entries',
    'col.when': 'When',
    'col.who': 'Who',
    'col.what': 'What',
    'col.from': 'From',
    'board.dispatch': 'Dispatch board',
    'board.bay': 'Bay board {bay}',
    'board.customer': 'Lobby board',
    'board.tracking': "Customer's phone",
  },
  'zh-CN': {
    'fact.created': '开单',
    'fact.createdScheduled': '为预约预开工单',
    'fact.updated': '修改{fields}',
    'fact.checkedIn': '接车',
    'fact.checkedInQueue': '接车（排队号 {queue}）',
    'fact.sentToWorkshop': '送入车间',
    'fact.qcPassed': '质检通过 → {next}',
    'fact.qcFailed': '质检不合格：{reason}（返工 {count} 项）',
    'fact.washFinished': '洗车完成',
    'fact.markedReady': '标记为待取车',
    'fact.delivered': '交车',
    'fact.cancelled': '取消工单：{reason}',
    'fact.noShow': '标记为未到店',
    'fact.survey': '顾客评价 {score}/5 分',
    'fact.opAdded': '增加项目「{op}」',
    'fact.opAssigned': '派工「{op}」→ {bay}',
    'fact.opAssignedTech': '派工「{op}」→ {bay}，{tech}',
    'fact.opStarted': '开始「{op}」',
    'fact.opStartedAt': '在{bay}开始「{op}」',
    'fact.opPaused': '暂停「{op}」：{reason}',
    'fact.opPausedParts': '暂停「{op}」：等待配件 {part}',
    'fact.opResumed': '继续「{op}」',
    'fact.partsEta': '「{op}」的配件改为 {time} 到货',
    'fact.opFinished': '完成「{op}」（作业 {minutes} 分钟）',
    'fact.addOnProposed': '提出增项「{title}」（{price}，{hours} 工时，照片 {photos} 张）',
    'fact.addOnApproved': '增项「{title}」由{who}同意（{channel}）',
    'fact.addOnDeclined': '增项「{title}」由{who}拒绝（{channel}）',
    'addOnBy.customer': '顾客',
    'addOnBy.advisor': '服务顾问',
    'addOnChannel.phone-page': '手机页面',
    'addOnChannel.phone-call': '电话',
    'addOnChannel.desk': '前台',
    'fact.appointmentCancelled': '预约取消，预开工单一并取消',
    'fact.appointmentNoShow': '预约未到店',
    'fact.other': '{type}',
    'field.promisedAt': '承诺交车时间为 {time}',
    'field.promisedAtCleared': '承诺交车时间（已清除）',
    'field.priority': '优先级为{priority}',
    'field.wash': '洗车（需要）',
    'field.washOff': '洗车（不需要）',
    'field.description': '故障描述',
    'field.advisorId': '服务顾问为{advisor}',
    'field.vehicle': '车辆信息',
    'field.customer': '客户信息',
    'actor.staff': '员工',
    'actor.technician': '技师',
    'actor.integration': '系统接口',
    'actor.display': '屏幕',
    'actor.customer': '顾客',
    'actor.kiosk': '自助接待机',
    'actor.system': '系统',
    'source.kiosk': '自助接待',
    'source.scan': '扫码报工',
    'source.dispatch': '调度看板',
    'source.api': '接口',
    'source.system': '服务器',
    'priority.normal': '普通',
    'priority.high': '加急',
    'priority.urgent': '特急',
    'next.washing': '洗车',
    'next.ready': '待取车',
    list: '、',
    title: '工单记录',
    loading: '正在加载记录…',
    empty: '暂无记录',
    failed: '记录加载失败：{reason}',
    more: '仅显示前 {count} 条',
    'col.when': '时间',
    'col.who': '操作人',
    'col.what': '内容',
    'col.from': '来源',
    'board.dispatch': '调度看板',
    'board.bay': '工位看板 {bay}',
    'board.customer': '客户看板',
    'board.tracking': '顾客手机',
  },
} satisfies Catalogue<Key>;
