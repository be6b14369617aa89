import type { Catalogue } from './translate';

type Key =
  | 'title'
  | 'day'
  | 'week'
  | 'prev'
  | 'next'
  | 'today'
  | 'date'
  | 'loading'
  | 'error'
  | 'retry'
  | 'bay'
  | 'free'
  | 'capacity'
  | 'skill.general'
  | 'skill.quick'
  | 'skill.alignment'
  | 'skill.electrical'
  | 'skill.body'
  | 'skill.paint'
  | 'skill.wash'
  | 'skill.inspection'
  | 'hours'
  | 'freeOf'
  | 'carried'
  | 'booked'
  | 'over'
  | 'emptySlot'
  | 'book'
  | 'bookTitle'
  | 'customer'
  | 'phone'
  | 'plate'
  | 'make'
  | 'services'
  | 'time'
  | 'duration'
  | 'note'
  | 'save'
  | 'close'
  | 'cancel'
  | 'cancelTitle'
  | 'cancelReason'
  | 'cancelConfirm'
  | 'noShow'
  | 'move'
  | 'moveTitle'
  | 'moveHint'
  | 'selected'
  | 'overTitle'
  | 'overBody'
  | 'overReason'
  | 'overConfirm'
  | 'short'
  | 'conflict'
  | 'status.booked'
  | 'status.checked_in'
  | 'status.no_show'
  | 'cancellations'
  | 'cancellationsNone'
  | 'bookings'
  | 'noBookings'
  | 'overridden'
  | 'required'
  | 'moved'
  | 'bookedOk'
  | 'cancelledOk'
  | 'noShowOk'
  | 'openDay'
  | 'pickServices'
  | 'dragHint'
  | 'anyBay'
  | 'count';

/** The advisors' planner, /plan (web/desk/plan). */
export const plan = {
  'zh-CN': {
    title: '预约排程',
    day: '日视图',
    week: '周视图',
    prev: '上一段',
    next: '下一段',
    today: '今天',
    date: '日期',
    loading: '正在加载…',
    error: '加载失败：{message}',
    retry: '重试',
    bay: '工位',
    free: '剩余产能',
    capacity: '产能',
    'skill.general': '机修',
    'skill.quick': '快保',
    'skill.alignment': '四轮定位',
    'skill.electrical': '电器',
    'skill.body': '钣金',
    'skill.paint': '喷漆',
    'skill.wash': '洗车',
    'skill.inspection': '检测',
    hours: '{h} 小时',
    freeOf: '剩 {free} / {cap} 小时',
    carried: '在修转入 {h} 小时',
    booked: '已约 {h} 小时',
    over: '超出 {h} 小时',
    emptySlot: '{bay} {time} 空闲，点击预约',
    book: '新建预约',
    bookTitle: '新建预约',
    customer: '客户姓名',
    phone: '手机号',
    plate: '车牌号',
    make: '品牌',
    services: '维修项目（标准工时）',
    time: '到店时间',
    duration: '占用工位 {min} 分钟',
    note: '备注',
    save: '确认预约',
    close: '关闭',
    cancel: '取消预约',
    cancelTitle: '取消预约',
    cancelReason: '取消原因',
    cancelConfirm: '确认取消',
    noShow: '标记未到店',
    move: '改约',
    moveTitle: '改约到',
    moveHint: '选择新的日期、时间和工位；也可以直接拖动预约块。',
    selected: '预约详情',
    overTitle: '产能不足',
    overBody: '这一天的产能已排满：',
    overReason: '超排原因（必填，会记录操作人）',
    overConfirm: '仍然预约',
    short: '{skill}需要 {need} 小时，仅剩 {free} 小时',
    conflict: '工位冲突：{message}',
    'status.booked': '已预约',
    'status.checked_in': '已到店',
    'status.no_show': '未到店',
    cancellations: '本期取消原因统计',
    cancellationsNone: '本期没有取消的预约',
    bookings: '{n} 个预约',
    noBookings: '无预约',
    overridden: '超排：{reason}（{by}）',
    required: '请填写{field}',
    moved: '已改约',
    bookedOk: '已预约',
    cancelledOk: '已取消',
    noShowOk: '已标记未到店',
    openDay: '查看 {date} 日视图',
    pickServices: '请至少选择一个维修项目',
    dragHint: '点击空白时段新建预约；拖动或点击预约块改约、取消。',
    anyBay: '请选择工位',
    count: '{n} 次',
  },
  en: {
    title: 'Appointment planner',
    day: 'Day',
    week: 'Week',
    prev: 'Previous',
    next: 'Next',
    today: 'Today',
    date: 'Date',
    loading: 'Loading…',
    error: 'Could not load: {message}',
    retry: 'Retry',
    bay: 'Bay',
    free: 'Free capacity',
    capacity: 'Capacity',
    'skill.general': 'General',
    'skill.quick': 'Quick service',
    'skill.alignment': 'Alignment',
    'skill.electrical': 'Electrical',
    'skill.body': 'Body',
    'skill.paint': 'Paint',
    'skill.wash': 'Wash',
    'skill.inspection': 'Inspection',
    hours: '{h} h',
    freeOf: '{free} of {cap} h free',
    carried: '{h} h carried over',
    booked: '{h} h booked',
    over: '{h} h over',
    emptySlot: '{bay} {time} free, click to book',
    book: 'New booking',
    bookTitle: 'New booking',
    customer: 'Customer name',
    phone: 'Phone',
    plate: 'Plate',
    make: 'Make',
    services: 'Services (standard hours)',
    time: 'Arrival time',
    duration: 'Holds the bay {min} min',
    note: 'Note',
    save: 'Book',
    close: 'Close',
    cancel: 'Cancel booking',
    cancelTitle: 'Cancel booking',
    cancelReason: 'Reason',
    cancelConfirm: 'Cancel it',
    noShow: 'Mark no-show',
    move: 'Move',
    moveTitle: 'Move to',
    moveHint: 'Pick a new date, time and bay, or drag the booking.',
    selected: 'Booking',
    overTitle: 'Over capacity',
    overBody: 'That day is fully booked:',
    overReason: 'Why book it anyway (required; your name is recorded)',
    overConfirm: 'Book anyway',
    short: '{skill} needs {need} h, {free} h free',
    conflict: 'Bay taken: {message}',
    'status.booked': 'Booked',
    'status.checked_in': 'Arrived',
    'status.no_show': 'No-show',
    cancellations: 'Cancellations by reason',
    cancellationsNone: 'No cancellations in these days',
    bookings: '{n} bookings',
    noBookings: 'No bookings',
    overridden: 'Over capacity: {reason} ({by})',
    required: 'Please fill in {field}',
    moved: 'Moved',
    bookedOk: 'Booked',
    cancelledOk: 'Cancelled',
    noShowOk: 'Marked no-show',
    openDay: 'Open the day view of {date}',
    pickServices: 'Pick at least one service',
    dragHint: 'Click a free slot to book; drag or click a booking to move or cancel it.',
    anyBay: 'Pick a bay',
    count: '{n}×',
  },
} satisfies Catalogue<Key>;
