import type { Priority } from '../domain/repair-order';
import type { BayKind } from '../domain/shop';
import type { Catalogue } from './translate';

type KindKey = `kind.${BayKind}`;
type PriorityKey = `priority.${Priority}`;
type Key =
  | KindKey
  | PriorityKey
  | 'title'
  | 'loading'
  | 'renderError'
  | 'readOnly'
  | 'signedIn'
  | 'counter.carsIn'
  | 'counter.delivered'
  | 'counter.onTime'
  | 'counter.onTimeOf'
  | 'counter.cycle'
  | 'counter.onSite'
  | 'counter.none'
  | 'duration.min'
  | 'duration.hmin'
  | 'lane.working'
  | 'lane.paused'
  | 'lane.waiting'
  | 'lane.idle'
  | 'lane.next'
  | 'lane.noNext'
  | 'lane.more'
  | 'lane.noTech'
  | 'lane.alsoRunning'
  | 'lane.rework'
  | 'timer.ok'
  | 'timer.warn'
  | 'timer.over'
  | 'timer.standard'
  | 'timer.paused'
  | 'queue.title'
  | 'queue.empty'
  | 'queue.waiting'
  | 'queue.promised'
  | 'queue.allAssigned'
  | 'queue.more'
  | 'eta.at'
  | 'eta.late'
  | 'parts.title'
  | 'parts.empty'
  | 'parts.eta'
  | 'parts.noEta'
  | 'parts.late'
  | 'parts.dueToday'
  | 'addOn.title'
  | 'addOn.empty'
  | 'addOn.waiting'
  | 'addOn.by'
  | 'addOn.phoneApprove'
  | 'addOn.phoneDecline'
  | 'addOn.failed'
  | 'addOn.photos'
  | 'propose.action'
  | 'propose.title'
  | 'propose.what'
  | 'propose.whatPlaceholder'
  | 'propose.price'
  | 'propose.hours'
  | 'propose.photos'
  | 'propose.addPhoto'
  | 'propose.removePhoto'
  | 'propose.maxPhotos'
  | 'propose.submit'
  | 'propose.failed'
  | 'propose.hint'
  | 'alarm.title'
  | 'alarm.empty'
  | 'alarm.promise'
  | 'alarm.stage'
  | 'alarm.kind.promise'
  | 'alarm.kind.op_overrun'
  | 'alarm.kind.clock_after_shift'
  | 'alarm.kind.stage_overdue'
  | 'alarm.kind.parts_overdue'
  | 'alarm.kind.call_unanswered'
  | 'alarm.op_overrun'
  | 'alarm.clock_after_shift'
  | 'alarm.parts_overdue'
  | 'alarm.call_unanswered'
  | 'alarm.learned'
  | 'strip.label'
  | 'strip.empty'
  | 'strip.more'
  | 'chime.on'
  | 'chime.off'
  | 'parts.correct'
  | 'partsEta.title'
  | 'partsEta.eta'
  | 'partsEta.submit'
  | 'partsEta.past'
  | 'action.assign'
  | 'action.reassign'
  | 'action.edit'
  | 'action.cancel'
  | 'action.close'
  | 'action.sending'
  | 'assign.title'
  | 'assign.reassignTitle'
  | 'assign.bay'
  | 'assign.tech'
  | 'assign.suggested'
  | 'assign.anyTech'
  | 'assign.bayIdle'
  | 'assign.bayBusy'
  | 'assign.bayQueued'
  | 'assign.techIdle'
  | 'assign.techBusy'
  | 'assign.submit'
  | 'assign.pickBay'
  | 'edit.title'
  | 'edit.priority'
  | 'edit.promised'
  | 'edit.clear'
  | 'edit.submit'
  | 'edit.badTime'
  | 'edit.noChange'
  | 'edit.today'
  | 'edit.tomorrow'
  | 'error.title'
  | 'error.network'
  | 'error.unauthorized'
  | 'error.forbidden'
  | 'error.illegal_transition'
  | 'error.not_found'
  | 'error.invalid_reference'
  | 'error.conflict'
  | 'error.invalid_input'
  | 'error.other';

/** The dispatch board (调度看板): wall screen and dispatcher's desk. */
export const dispatchBoard = {
  en: {
    'kind.general': 'General',
    'kind.quick': 'Quick service',
    'kind.alignment': 'Alignment',
    'kind.electrical': 'Electrical',
    'kind.body': 'Body',
    'kind.paint': 'Paint',
    'kind.wash': 'Wash',
    'kind.inspection': 'Inspection',
    'priority.urgent': 'Urgent',
    'priority.high': 'High',
    'priority.normal': 'Normal',
    title: 'Dispatch board',
    loading: 'Loading the workshop…',
    renderError: 'Part of this board failed to draw; showing the last good picture',
    readOnly: 'Wall display',
    signedIn: 'Signed in: {name}',
    'counter.carsIn': 'Cars in today',
    'counter.delivered': 'Delivered',
    'counter.onTime': 'On time',
    'counter.onTimeOf': '{on} of {of}',
    'counter.cycle': 'Avg. check-in → ready',
    'counter.onSite': 'On site now',
    'counter.none': '—',
    'duration.min': '{m} min',
    'duration.hmin': '{h} h {m} min',
    'lane.working': '▶ Working',
    'lane.paused': '❚❚ {reason}',
    'lane.waiting': '◷ Assigned',
    'lane.idle': 'Idle',
    'lane.next': 'Next',
    'lane.noNext': 'Nothing queued',
    'lane.more': '+{n} more',
    'lane.noTech': 'No technician',
    'lane.alsoRunning': '+{n} more running',
    'lane.rework': 'Rework',
    'timer.ok': '{pct}% used',
    'timer.warn': '▲ {pct}% used',
    'timer.over': '⚠ {min} min over',
    'timer.standard': 'of {hours}',
    'timer.paused': 'Paused',
    'queue.title': 'Waiting for dispatch',
    'queue.empty': 'Every job has a bay',
    'queue.waiting': 'waiting {dur}',
    'queue.promised': 'promised {time}',
    'queue.allAssigned': 'All jobs assigned, none started',
    'queue.more': '+{n} more in the queue',
    'eta.at': 'ETA {time}',
    'eta.late': 'ETA {n} min past promise',
    'addOn.title': 'Awaiting customer approval',
    'addOn.empty': 'No extra work waiting',
    'addOn.waiting': 'waiting {dur}',
    'addOn.by': 'found by {name}',
    'addOn.phoneApprove': 'Approved by phone',
    'addOn.phoneDecline': 'Declined by phone',
    'addOn.failed': 'Not recorded: {reason}',
    'addOn.photos': '{n} photos',
    'propose.action': 'Propose add-on',
    'propose.title': 'Propose add-on work',
    'propose.what': 'Work found',
    'propose.whatPlaceholder': 'e.g. replace front brake pads',
    'propose.price': 'Price (¥)',
    'propose.hours': 'Standard hours',
    'propose.photos': 'Photos (up to 3)',
    'propose.addPhoto': 'Add photos',
    'propose.removePhoto': 'Remove photo {n}',
    'propose.maxPhotos': '3 photos: the most one proposal takes',
    'propose.submit': 'Send to customer',
    'propose.failed': 'Not sent',
    'propose.hint': 'The customer sees it on their tracking page and approves there, or tells you by phone.',
    'parts.title': 'Waiting for parts',
    'parts.empty': 'No parts waits',
    'parts.eta': 'ETA {time}',
    'parts.noEta': 'ETA unknown',
    'parts.late': '⚠ {dur} past ETA',
    'parts.dueToday': '{n} due today',
    'alarm.title': 'Overdue',
    'alarm.empty': '✓ Nothing overdue',
    'alarm.promise': '⚠ {dur} past the promised time',
    'alarm.stage': '⚠ {stage} for {dur} (limit {limit} min)',
    'alarm.kind.promise': 'Past promise',
    'alarm.kind.op_overrun': 'Over standard time',
    'alarm.kind.clock_after_shift': 'Clock after shift',
    'alarm.kind.stage_overdue': 'Stage over limit',
    'alarm.kind.parts_overdue': 'Part overdue',
    'alarm.kind.call_unanswered': 'Call unanswered',
    'alarm.op_overrun': '⚠ {title}: {dur} worked, standard {std} h',
    'alarm.clock_after_shift': '⚠ {tech}: clock running {dur} after shift end {end}',
    'alarm.parts_overdue': '⚠ {part}: {dur} past ETA {eta}',
    'alarm.call_unanswered': '⚠ Kiosk {kiosk}: customer waiting {dur} for an advisor',
    'alarm.learned': 'p95',
    'strip.label': 'After the workshop',
    'strip.empty': 'None',
    'strip.more': '+{count} more',
    'chime.on': 'Sound on',
    'chime.off': 'Sound off',
    'parts.correct': 'Change ETA',
    'partsEta.title': 'Correct parts ETA',
    'partsEta.eta': 'Expected arrival',
    'partsEta.submit': 'Save ETA',
    'partsEta.past': 'The ETA cannot be in the past',
    'action.assign': 'Assign',
    'action.reassign': 'Reassign',
    'action.edit': 'Edit',
    'action.cancel': 'Cancel',
    'action.close': 'Close',
    'action.sending': 'Sending…',
    'assign.title': 'Assign a job',
    'assign.reassignTitle': 'Reassign a job',
    'assign.bay': 'Bay',
    'assign.tech': 'Technician',
    'assign.suggested': 'suits this job',
    'assign.anyTech': 'Leave open',
    'assign.bayIdle': 'idle',
    'assign.bayBusy': 'busy',
    'assign.bayQueued': '{n} queued',
    'assign.techIdle': 'free',
    'assign.techBusy': 'working',
    'assign.submit': 'Assign',
    'assign.pickBay': 'Choose a bay first',
    'edit.title': 'Priority and promised time',
    'edit.priority': 'Priority',
    'edit.promised': 'Promised ready time',
    'edit.clear': 'No promised time',
    'edit.submit': 'Save',
    'edit.badTime': 'Enter a date and time',
    'edit.noChange': 'Nothing changed',
    'edit.today': 'Today',
    'edit.tomorrow': 'Tomorrow',
    'error.title': 'Not done',
    'error.network': 'The server cannot be reached. Check the network and try again.',
    'error.unauthorized': 'Your sign-in has expired. Sign in again.',
    'error.forbidden': 'You are not allowed to do this.',
    'error.illegal_transition': "Not possible in the job's current state.",
    'error.not_found': 'That record no longer exists.',
    'error.invalid_reference': 'That bay or technician does not exist.',
    'error.conflict': 'Someone else changed this at the same time.',
    'error.invalid_input': 'Some input was not accepted.',
    'error.other': 'The server refused this.',
  },
  'zh-CN': {
    'kind.general': '机修',
    'kind.quick': '快保',
    'kind.alignment': '四轮定位',
    'kind.electrical': '电器',
    'kind.body': '钣金',
    'kind.paint': '喷漆',
    'kind.wash': '洗车',
    'kind.inspection': '检测',
    'priority.urgent': '特急',
    'priority.high': '加急',
    'priority.normal': '普通',
    title: '调度看板',
    loading: '正在载入车间数据…',
    renderError: '部分内容显示出错，暂时显示上一次的画面',
    readOnly: '大屏显示',
    signedIn: '已登录：{name}',
    'counter.carsIn': '今日进厂',
    'counter.delivered': '今日交车',
    'counter.onTime': '准时交车率',
    'counter.onTimeOf': '{on}/{of} 台',
    'counter.cycle': '平均维修周期',
    'counter.onSite': '在厂车辆',
    'counter.none': '—',
    'duration.min': '{m} 分钟',
    'duration.hmin': '{h} 小时 {m} 分',
    'lane.working': '▶ 作业中',
    'lane.paused': '❚❚ 暂停：{reason}',
    'lane.waiting': '◷ 已派工，未开工',
    'lane.idle': '空闲',
    'lane.next': '下一个',
    'lane.noNext': '无排队',
    'lane.more': '另 {n} 项',
    'lane.noTech': '未指定技师',
    'lane.alsoRunning': '另有 {n} 项作业中',
    'lane.rework': '返工',
    'timer.ok': '已用 {pct}%',
    'timer.warn': '▲ 已用 {pct}%',
    'timer.over': '⚠ 超时 {min} 分钟',
    'timer.standard': '/ 标准 {hours}',
    'timer.paused': '已暂停',
    'queue.title': '待派工',
    'queue.empty': '所有项目都已派工',
    'queue.waiting': '已等 {dur}',
    'queue.promised': '承诺 {time}',
    'queue.allAssigned': '已全部派工，尚未开工',
    'queue.more': '还有 {n} 台待派工',
    'eta.at': '预计 {time}',
    'eta.late': '预计超承诺 {n} 分钟',
    'addOn.title': '增项待顾客确认',
    'addOn.empty': '没有待确认的增项',
    'addOn.waiting': '已等 {dur}',
    'addOn.by': '{name} 发现',
    'addOn.phoneApprove': '电话确认：同意',
    'addOn.phoneDecline': '电话确认：拒绝',
    'addOn.failed': '未能记录：{reason}',
    'addOn.photos': '照片 {n} 张',
    'propose.action': '发现增项',
    'propose.title': '发现增项',
    'propose.what': '增项内容',
    'propose.whatPlaceholder': '例如：更换前刹车片',
    'propose.price': '价格（¥）',
    'propose.hours': '标准工时',
    'propose.photos': '照片（最多 3 张）',
    'propose.addPhoto': '添加照片',
    'propose.removePhoto': '删除第 {n} 张照片',
    'propose.maxPhotos': '已有 3 张照片（最多 3 张）',
    'propose.submit': '发送给顾客确认',
    'propose.failed': '未能发送',
    'propose.hint': '顾客在进度页上查看并确认，也可以电话告诉您。',
    'parts.title': '等待配件',
    'parts.empty': '没有等待配件的项目',
    'parts.eta': '预计 {time} 到货',
    'parts.noEta': '到货时间未定',
    'parts.late': '⚠ 已超预计到货 {dur}',
    'parts.dueToday': '今天到货 {n}',
    'alarm.title': '超时警报',
    'alarm.empty': '✓ 没有超时',
    'alarm.promise': '⚠ 已超承诺时间 {dur}',
    'alarm.stage': '⚠ {stage}已 {dur}（上限 {limit} 分钟）',
    'alarm.kind.promise': '超承诺',
    'alarm.kind.op_overrun': '超工时',
    'alarm.kind.clock_after_shift': '下班未停钟',
    'alarm.kind.stage_overdue': '停留超时',
    'alarm.kind.parts_overdue': '配件逾期',
    'alarm.kind.call_unanswered': '呼叫未应答',
    'alarm.op_overrun': '⚠ {title}已做 {dur}（标准 {std} 小时）',
    'alarm.clock_after_shift': '⚠ {tech}下班（{end}）后仍计时 {dur}',
    'alarm.parts_overdue': '⚠ {part}超预计到货（{eta}）{dur}',
    'alarm.call_unanswered': '⚠ 自助机 {kiosk} 顾客等顾问已 {dur}',
    'alarm.learned': '历史P95',
    'strip.label': '完工后',
    'strip.empty': '无',
    'strip.more': '另 {count} 辆',
    'chime.on': '提示音 开',
    'chime.off': '提示音 关',
    'parts.correct': '改到货时间',
    'partsEta.title': '更正预计到货时间',
    'partsEta.eta': '预计到货',
    'partsEta.submit': '保存到货时间',
    'partsEta.past': '到货时间不能早于现在',
    'action.assign': '派工',
    'action.reassign': '改派',
    'action.edit': '调整',
    'action.cancel': '取消',
    'action.close': '关闭',
    'action.sending': '提交中…',
    'assign.title': '派工',
    'assign.reassignTitle': '改派',
    'assign.bay': '工位',
    'assign.tech': '技师',
    'assign.suggested': '适合此项目',
    'assign.anyTech': '暂不指定',
    'assign.bayIdle': '空闲',
    'assign.bayBusy': '作业中',
    'assign.bayQueued': '排队 {n}',
    'assign.techIdle': '空闲',
    'assign.techBusy': '作业中',
    'assign.submit': '确认派工',
    'assign.pickBay': '请先选择工位',
    'edit.title': '优先级与承诺交车时间',
    'edit.priority': '优先级',
    'edit.promised': '承诺交车时间',
    'edit.clear': '不承诺时间',
    'edit.submit': '保存',
    'edit.badTime': '请输入日期和时间',
    'edit.noChange': '没有修改',
    'edit.today': '今天',
    'edit.tomorrow': '明天',
    'error.title': '操作未成功',
    'error.network': '无法连接服务器，请检查网络后重试。',
    'error.unauthorized': '登录已过期，请重新登录。',
    'error.forbidden': '您没有权限执行此操作。',
    'error.illegal_transition': '该项目当前状态不允许此操作。',
    'error.not_found': '该记录已不存在。',
    'error.invalid_reference': '工位或技师不存在。',
    'error.conflict': '有人同时修改了此工单。',
    'error.invalid_input': '部分输入未被接受。',
    'error.other': '服务器拒绝了此操作。',
  },
} satisfies Catalogue<Key>;

export type DispatchKey = Key;
