import type { Catalogue } from './translate';

type Key =
  | 'title'
  | 'store'
  | 'allStores'
  | 'range'
  | 'from'
  | 'to'
  | 'apply'
  | 'preset.today'
  | 'preset.week'
  | 'preset.last30'
  | 'preset.month'
  | 'loading'
  | 'partial'
  | 'error'
  | 'retry'
  | 'zone'
  | 'days'
  | 'csv'
  | 'csvVisits'
  | 'print'
  | 'none'
  | 'noData'
  | 'kpi.rosIn'
  | 'kpi.rosOut'
  | 'kpi.onTime'
  | 'kpi.sameDay'
  | 'kpi.cycle'
  | 'kpi.utilisation'
  | 'kpi.firstPass'
  | 'kpi.csi'
  | 'kpi.comeback'
  | 'kpi.showRate'
  | 'kpi.partsWaits'
  | 'kpi.hoursPerRo'
  | 'kpi.perDay'
  | 'kpi.p90'
  | 'kpi.responses'
  | 'kpi.hoursLost'
  | 'trend.throughput'
  | 'trend.onTime'
  | 'trend.cycle'
  | 'trend.in'
  | 'trend.out'
  | 'trend.mean'
  | 'trend.summary'
  | 'stages.title'
  | 'stages.stage'
  | 'stages.cars'
  | 'stages.p50'
  | 'stages.p90'
  | 'stages.mean'
  | 'stage.checked_in'
  | 'stage.waiting_dispatch'
  | 'stage.in_service'
  | 'stage.quality_check'
  | 'stage.washing'
  | 'stage.ready'
  | 'tech.title'
  | 'tech.name'
  | 'tech.store'
  | 'tech.attended'
  | 'tech.worked'
  | 'tech.standard'
  | 'tech.productivity'
  | 'tech.efficiency'
  | 'tech.proficiency'
  | 'tech.total'
  | 'tech.hoursPerRo'
  | 'heat.title'
  | 'heat.bay'
  | 'heat.hint'
  | 'heat.groupTitle'
  | 'heat.groupHint'
  | 'heat.cell'
  | 'heat.hour'
  | 'survey.title'
  | 'survey.score'
  | 'survey.mean'
  | 'survey.rate'
  | 'cancel.title'
  | 'cancel.noReason'
  | 'cancel.none'
  | 'cancel.count'
  | 'rank.title'
  | 'rank.store'
  | 'rank.total'
  | 'rank.rank';

/** The managers' reports page, /reports (web/admin/reports). Figure names follow docs/kpis.md. */
export const reports = {
  'zh-CN': {
    title: '经营报表',
    store: '门店',
    allStores: '全部门店（集团）',
    range: '时间范围',
    from: '开始日期',
    to: '结束日期',
    apply: '查询',
    'preset.today': '今天',
    'preset.week': '本周',
    'preset.last30': '近30天',
    'preset.month': '本月',
    loading: '正在读取报表…',
    partial: '历史数据仍在写入中：以下数字只计入已写入的部分，稍后刷新即可看到完整报表。',
    error: '报表读取失败：{message}',
    retry: '重试',
    zone: '按门店时区 {zone}',
    days: '{n} 天',
    csv: '下载 CSV',
    csvVisits: '工单明细 CSV',
    print: '打印',
    none: '—',
    noData: '此范围内没有数据',
    'kpi.rosIn': '进厂台次',
    'kpi.rosOut': '交车台次',
    'kpi.onTime': '准时交车率',
    'kpi.sameDay': '当天交车率',
    'kpi.cycle': '维修周期 中位数',
    'kpi.utilisation': '工位利用率',
    'kpi.firstPass': '一次修复率',
    'kpi.csi': '客户满意度',
    'kpi.comeback': '返修率',
    'kpi.showRate': '预约到店率',
    'kpi.partsWaits': '缺件等待',
    'kpi.hoursPerRo': '单车工时',
    'kpi.perDay': '日均 {n}',
    'kpi.p90': 'P90 {v}',
    'kpi.responses': '{n} 份评价',
    'kpi.hoursLost': '损失 {h} 小时',
    'trend.throughput': '每日进厂 / 交车',
    'trend.onTime': '每日准时交车率',
    'trend.cycle': '每日平均维修周期（小时）',
    'trend.in': '进厂',
    'trend.out': '交车',
    'trend.mean': '平均周期',
    'trend.summary': '{title}：{from} 至 {to}，共 {n} 天；明细见“下载 CSV”。',
    'stages.title': '各阶段时长（分钟）',
    'stages.stage': '阶段',
    'stages.cars': '车辆数',
    'stages.p50': '中位数',
    'stages.p90': 'P90',
    'stages.mean': '平均',
    'stage.checked_in': '到店待派',
    'stage.waiting_dispatch': '待派工',
    'stage.in_service': '维修中',
    'stage.quality_check': '质检',
    'stage.washing': '洗车',
    'stage.ready': '待交车',
    'tech.title': '技师绩效',
    'tech.name': '技师',
    'tech.store': '门店',
    'tech.attended': '出勤工时',
    'tech.worked': '实作工时',
    'tech.standard': '标准工时',
    'tech.productivity': '生产率',
    'tech.efficiency': '效率',
    'tech.proficiency': '熟练度',
    'tech.total': '合计',
    'tech.hoursPerRo': '单车工时 {v} 小时',
    'heat.title': '工位利用（每小时实作工时）',
    'heat.bay': '工位',
    'heat.hint': '格内为该小时的实作小时数（范围内合计），颜色越深越忙；按门店时区。',
    'heat.groupTitle': '各门店按小时的工位利用率',
    'heat.groupHint': '格内为该小时的工位利用率；营业时间以外不计。',
    'heat.cell': '{bay} {hour}点：{v}',
    'heat.hour': '时',
    'survey.title': '满意度评分分布',
    'survey.score': '{n} 分',
    'survey.mean': '平均 {v} 分 · 回复率 {r}',
    'survey.rate': '回复率',
    'cancel.title': '预约取消原因',
    'cancel.noReason': '未填写原因',
    'cancel.none': '此范围内没有取消的预约',
    'cancel.count': '{n} 次',
    'rank.title': '门店排名（按交车台次）',
    'rank.store': '门店',
    'rank.total': '集团合计',
    'rank.rank': '名次',
  },
  en: {
    title: 'Reports',
    store: 'Store',
    allStores: 'All stores (group)',
    range: 'Range',
    from: 'From',
    to: 'To',
    apply: 'Show',
    'preset.today': 'Today',
    'preset.week': 'This week',
    'preset.last30': 'Last 30 days',
    'preset.month': 'This month',
    loading: 'Loading the report…',
    partial: 'The history is still being written: these figures count only what has been written so far. Reload in a little while for the full report.',
    error: 'The report could not be read: {message}',
    retry: 'Try again',
    zone: "in the store's time zone, {zone}",
    days: '{n} days',
    csv: 'Download CSV',
    csvVisits: 'Visits CSV',
    print: 'Print',
    none: '—',
    noData: 'Nothing in this range',
    'kpi.rosIn': 'ROs in',
    'kpi.rosOut': 'ROs out',
    'kpi.onTime': 'On-time delivery',
    'kpi.sameDay': 'Same-day delivery',
    'kpi.cycle': 'Cycle time, median',
    'kpi.utilisation': 'Bay utilisation',
    'kpi.firstPass': 'QC first pass',
    'kpi.csi': 'Satisfaction (CSI)',
    'kpi.comeback': 'Comeback rate',
    'kpi.showRate': 'Appointment show rate',
    'kpi.partsWaits': 'Parts waits',
    'kpi.hoursPerRo': 'Hours per RO',
    'kpi.perDay': '{n} a day',
    'kpi.p90': 'p90 {v}',
    'kpi.responses': '{n} responses',
    'kpi.hoursLost': '{h} h lost',
    'trend.throughput': 'ROs in / out per day',
    'trend.onTime': 'On-time delivery per day',
    'trend.cycle': 'Mean cycle time per day (hours)',
    'trend.in': 'In',
    'trend.out': 'Out',
    'trend.mean': 'Mean cycle',
    'trend.summary': '{title}: {from} to {to}, {n} days; figures in the CSV.',
    'stages.title': 'Time in each stage (minutes)',
    'stages.stage': 'Stage',
    'stages.cars': 'Cars',
    'stages.p50': 'Median',
    'stages.p90': 'p90',
    'stages.mean': 'Mean',
    'stage.checked_in': 'Checked in',
    'stage.waiting_dispatch': 'Waiting dispatch',
    'stage.in_service': 'In service',
    'stage.quality_check': 'Quality check',
    'stage.washing': 'Washing',
    'stage.ready': 'Ready',
    'tech.title': 'Technicians',
    'tech.name': 'Technician',
    'tech.store': 'Store',
    'tech.attended': 'Attended h',
    'tech.worked': 'Worked h',
    'tech.standard': 'Standard h',
    'tech.productivity': 'Productivity',
    'tech.efficiency': 'Efficiency',
    'tech.proficiency': 'Proficiency',
    'tech.total': 'Total',
    'tech.hoursPerRo': 'Hours per RO {v}',
    'heat.title': 'Bay use (worked hours per hour of day)',
    'heat.bay': 'Bay',
    'heat.hint': 'Each cell is the hours worked in that hour over the range; darker is busier. Store time.',
    'heat.groupTitle': 'Bay utilisation by hour, per store',
    'heat.groupHint': "Each cell is that hour's bay utilisation; hours the workshop is closed are not counted.",
    'heat.cell': '{bay} at {hour}:00: {v}',
    'heat.hour': 'h',
    'survey.title': 'Survey scores',
    'survey.score': '{n}',
    'survey.mean': 'mean {v} · response rate {r}',
    'survey.rate': 'Response rate',
    'cancel.title': 'Appointment cancellation reasons',
    'cancel.noReason': 'No reason given',
    'cancel.none': 'No appointment was cancelled in this range',
    'cancel.count': '{n}',
    'rank.title': 'Stores ranked by ROs out',
    'rank.store': 'Store',
    'rank.total': 'Group total',
    'rank.rank': 'Rank',
  },
} satisfies Catalogue<Key>;

export type ReportsKey = Key;
