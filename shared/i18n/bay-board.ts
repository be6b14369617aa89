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
  | 'state.working'
  | 'state.paused'
  | 'state.waiting'
  | 'state.idle'
  | 'idle.big'
  | 'idle.hint'
  | 'car.ro'
  | 'car.promised'
  | 'car.promiseSoon'
  | 'car.promiseOver'
  | 'dur.min'
  | 'dur.hmin'
  | 'car.rework'
  | 'tech'
  | 'tech.none'
  | 'timer.ok'
  | 'timer.warn'
  | 'timer.over'
  | 'timer.standard'
  | 'timer.paused'
  | 'checklist.title'
  | 'checklist.progress'
  | 'checklist.otherBay'
  | 'checklist.here'
  | 'next.title'
  | 'next.none'
  | 'next.more'
  | 'qr.caption'
  | 'scan.hint'
  | 'scan.panel'
  | 'scan.unknown'
  | 'scan.offline';

/** The bay board (工位看板): the screen or tablet at one bay. */
export const bayBoard = {
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
    title: 'Bay board',
    loading: 'Loading this bay…',
    renderError: 'Part of this screen failed to draw; showing the last good picture',
    'state.working': '▶ Working',
    'state.paused': '❚❚ Paused: {reason}',
    'state.waiting': '◷ Next car assigned',
    'state.idle': 'Idle',
    'idle.big': 'Bay free',
    'idle.hint': 'Scan a job card to start work here',
    'car.ro': 'Order {number}',
    'car.promised': 'Promised {time}',
    'car.promiseSoon': '◷ Promised {time} · {min} min left',
    'car.promiseOver': '⚠ {dur} past the promised time (promised {time})',
    'dur.min': '{m} min',
    'dur.hmin': '{h} h {m} min',
    'car.rework': 'Rework',
    tech: 'Technician',
    'tech.none': 'No technician assigned',
    'timer.ok': '{pct}% of standard hours used',
    'timer.warn': '▲ {pct}% — nearly at standard hours',
    'timer.over': '⚠ {min} min over standard hours',
    'timer.standard': 'standard {hours}',
    'timer.paused': 'Paused',
    'checklist.title': 'Jobs on this car',
    'checklist.progress': '{done} of {total} done',
    'checklist.otherBay': 'at {bay}',
    'checklist.here': 'this bay',
    'next.title': 'Next job here',
    'next.none': 'Nothing else queued for this bay',
    'next.more': '+{n} more queued',
    'qr.caption': 'Scan to check in at this bay',
    'scan.hint': 'Job card scanner ready',
    'scan.panel': 'Scanned job card',
    'scan.offline': 'Cannot open the job card: the server is not reachable',
    'scan.unknown': 'Not a job card code: {code}',
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
    title: '工位看板',
    loading: '正在载入本工位数据…',
    renderError: '部分内容显示出错，暂时显示上一次的画面',
    'state.working': '▶ 作业中',
    'state.paused': '❚❚ 暂停：{reason}',
    'state.waiting': '◷ 已派工，等待开工',
    'state.idle': '空闲',
    'idle.big': '工位空闲',
    'idle.hint': '扫描工单二维码即可在本工位开工',
    'car.ro': '工单 {number}',
    'car.promised': '承诺交车 {time}',
    'car.promiseSoon': '◷ 承诺交车 {time}，还剩 {min} 分钟',
    'car.promiseOver': '⚠ 已超承诺交车时间 {dur}（承诺 {time}）',
    'dur.min': '{m} 分钟',
    'dur.hmin': '{h} 小时 {m} 分',
    'car.rework': '返工',
    tech: '技师',
    'tech.none': '未指定技师',
    'timer.ok': '已用标准工时 {pct}%',
    'timer.warn': '▲ 已用 {pct}%，接近标准工时',
    'timer.over': '⚠ 超出标准工时 {min} 分钟',
    'timer.standard': '标准工时 {hours}',
    'timer.paused': '已暂停',
    'checklist.title': '本车维修项目',
    'checklist.progress': '已完成 {done}/{total}',
    'checklist.otherBay': '在 {bay}',
    'checklist.here': '本工位',
    'next.title': '本工位下一个作业',
    'next.none': '本工位暂无排队作业',
    'next.more': '另有 {n} 项排队',
    'qr.caption': '扫码登记本工位',
    'scan.hint': '扫码枪已就绪',
    'scan.panel': '扫码作业',
    'scan.offline': '无法打开工单：服务器暂时无法连接',
    'scan.unknown': '无法识别的条码：{code}',
  },
} satisfies Catalogue<Key>;
