import type { Catalogue } from './translate';

type Key =
  | 'title'
  | 'lang.switch'
  | 'loading'
  | 'hello'
  | 'helloAnon'
  | 'privacy'
  | 'status.scheduled'
  | 'status.checked_in'
  | 'status.waiting_dispatch'
  | 'status.in_service'
  | 'status.quality_check'
  | 'status.washing'
  | 'status.ready'
  | 'status.delivered'
  | 'status.no_show'
  | 'status.cancelled'
  | 'status.parts'
  | 'step.checked_in'
  | 'step.in_service'
  | 'step.quality_check'
  | 'step.washing'
  | 'step.ready'
  | 'eta.label'
  | 'eta.unknown'
  | 'eta.promised'
  | 'eta.later'
  | 'eta.laterQueue'
  | 'parts.title'
  | 'parts.text'
  | 'parts.textNoEta'
  | 'approval.text'
  | 'ready.title'
  | 'ready.where'
  | 'ready.desk'
  | 'ready.since'
  | 'work.title'
  | 'op.done'
  | 'op.in_progress'
  | 'op.parts'
  | 'op.approval'
  | 'op.break'
  | 'op.waiting'
  | 'timeline.title'
  | 'tl.checked_in'
  | 'tl.scheduled'
  | 'tl.waiting_dispatch'
  | 'tl.in_service'
  | 'tl.quality_check'
  | 'tl.washing'
  | 'tl.ready'
  | 'tl.delivered'
  | 'tl.no_show'
  | 'tl.cancelled'
  | 'tl.rework'
  | 'tl.opStarted'
  | 'tl.opDone'
  | 'tl.partsPaused'
  | 'tl.partsResumed'
  | 'advisor'
  | 'advisorDesk'
  | 'queue'
  | 'survey.title'
  | 'survey.lead'
  | 'survey.thanks'
  | 'survey.already'
  | 'survey.failed'
  | 'refused.title'
  | 'refused.text'
  | 'reconnecting'
  | 'addOn.title'
  | 'addOn.lead'
  | 'addOn.price'
  | 'addOn.hours'
  | 'addOn.approve'
  | 'addOn.decline'
  | 'addOn.photo'
  | 'addOn.approved'
  | 'addOn.declined'
  | 'addOn.byAdvisor'
  | 'addOn.failed'
  | 'addOn.sending';

/** Every string of the customer's tracking page (/t/<token>): plain words, no workshop jargon. */
export const trackingText = {
  'zh-CN': {
    title: '车辆维修进度',
    'lang.switch': 'English',
    loading: '正在获取您的车辆进度…',
    hello: '{name}，您好',
    helloAnon: '您好',
    privacy: '此页面只显示您本人的车辆信息，请勿转发链接',
    'status.scheduled': '已预约，期待您的光临',
    'status.checked_in': '已接车，正在为您安排工位',
    'status.waiting_dispatch': '正在等待空闲工位',
    'status.in_service': '技师正在为您的爱车维修',
    'status.quality_check': '维修已完成，正在质量检查',
    'status.washing': '正在为您的爱车洗车',
    'status.ready': '可以取车了！',
    'status.delivered': '已交车，感谢您的光临',
    'status.no_show': '本次预约未到店',
    'status.cancelled': '本次服务已取消',
    'status.parts': '正在等待配件',
    'step.checked_in': '接车',
    'step.in_service': '维修',
    'step.quality_check': '质检',
    'step.washing': '洗车',
    'step.ready': '取车',
    'eta.label': '预计完工',
    'eta.unknown': '服务顾问确认后显示',
    'eta.promised': '原定 {time}',
    'eta.later': '因等待配件，比原定时间晚一些',
    'eta.laterQueue': '车间较忙，比原定时间晚一些',
    'parts.title': '正在等待配件',
    'parts.text': '{part}预计 {time} 到店，到货后马上继续维修。',
    'parts.textNoEta': '正在为您订购{part}，到货时间确认后会在这里更新。',
    'approval.text': '有一项维修需要您确认，服务顾问会与您联系。',
    'ready.title': '您的爱车已可取车',
    'ready.where': '取车地点',
    'ready.desk': '请到服务前台取车',
    'ready.since': '{time} 完工',
    'work.title': '维修项目',
    'op.done': '已完成',
    'op.in_progress': '进行中',
    'op.parts': '等待配件',
    'op.approval': '待您确认',
    'op.break': '稍后继续',
    'op.waiting': '排队中',
    'timeline.title': '进度记录',
    'tl.scheduled': '预约成功',
    'tl.checked_in': '到店接车',
    'tl.waiting_dispatch': '等待工位',
    'tl.in_service': '开始维修',
    'tl.quality_check': '进入质检',
    'tl.washing': '开始洗车',
    'tl.ready': '可以取车',
    'tl.delivered': '已交车',
    'tl.no_show': '未到店',
    'tl.cancelled': '已取消',
    'tl.rework': '质检后返工，继续维修',
    'tl.opStarted': '开始：{title}',
    'tl.opDone': '完成：{title}',
    'tl.partsPaused': '等待配件「{part}」，{title}暂停',
    'tl.partsResumed': '配件「{part}」已到，继续：{title}',
    advisor: '服务顾问',
    advisorDesk: '{name}（{desk} 台）',
    queue: '排队号 {queue}',
    'survey.title': '您对本次服务满意吗？',
    'survey.lead': '花 10 秒给我们打个分吧',
    'survey.thanks': '感谢您的评价！您的意见会帮助我们做得更好。',
    'survey.already': '感谢您！这次服务的评价我们已经收到了。',
    'survey.failed': '提交没有成功，请稍后再试。',
    'addOn.title': '需要您确认的增项',
    'addOn.lead': '技师在检查中发现以下项目，请确认是否需要维修。',
    'addOn.price': '价格',
    'addOn.hours': '预计工时 {hours} 小时',
    'addOn.approve': '同意维修',
    'addOn.decline': '暂不维修',
    'addOn.photo': '「{title}」的照片 {n}',
    'addOn.approved': '您已同意（{time}）',
    'addOn.declined': '您已拒绝（{time}）',
    'addOn.byAdvisor': '服务顾问已记录您的决定（{time}）',
    'addOn.failed': '未能提交，请重试或联系服务顾问',
    'addOn.sending': '正在提交…',
    'refused.title': '链接已失效',
    'refused.text': '这个进度链接已过期或无效。如需帮助，请联系服务前台。',
    reconnecting: '网络不稳定，正在重新连接…',
  },
  en: {
    title: 'Your car',
    'lang.switch': '中文',
    loading: 'Getting the latest on your car…',
    hello: 'Hello, {name}',
    helloAnon: 'Hello',
    privacy: 'This page shows only your own car. Please do not share the link.',
    'status.scheduled': 'Booked — we look forward to seeing you',
    'status.checked_in': "Checked in — we're finding a bay for your car",
    'status.waiting_dispatch': 'Waiting for a free bay',
    'status.in_service': 'A technician is working on your car',
    'status.quality_check': 'Work finished — quality check in progress',
    'status.washing': 'Your car is being washed',
    'status.ready': 'Ready for pickup!',
    'status.delivered': 'Handed back — thank you for visiting',
    'status.no_show': 'This appointment was missed',
    'status.cancelled': 'This visit was cancelled',
    'status.parts': 'Waiting for a part',
    'step.checked_in': 'Check-in',
    'step.in_service': 'Repair',
    'step.quality_check': 'Check',
    'step.washing': 'Wash',
    'step.ready': 'Pickup',
    'eta.label': 'Expected ready',
    'eta.unknown': 'Your advisor will confirm the time',
    'eta.promised': 'originally {time}',
    'eta.later': 'A little later than planned, because of the part',
    'eta.laterQueue': 'A little later than planned: the workshop is busy',
    'parts.title': 'Waiting for a part',
    'parts.text': '{part} is expected at {time}; work continues as soon as it arrives.',
    'parts.textNoEta': "We're ordering {part}; the arrival time will show here once confirmed.",
    'approval.text': 'One job needs your OK — your advisor will call you.',
    'ready.title': 'Your car is ready for pickup',
    'ready.where': 'Where to go',
    'ready.desk': 'Please collect your car at the service desk',
    'ready.since': 'Ready since {time}',
    'work.title': 'Work on your car',
    'op.done': 'Done',
    'op.in_progress': 'In progress',
    'op.parts': 'Waiting for part',
    'op.approval': 'Needs your OK',
    'op.break': 'Resumes shortly',
    'op.waiting': 'Queued',
    'timeline.title': 'What happened',
    'tl.scheduled': 'Appointment booked',
    'tl.checked_in': 'Checked in',
    'tl.waiting_dispatch': 'Waiting for a bay',
    'tl.in_service': 'Work started',
    'tl.quality_check': 'Quality check',
    'tl.washing': 'Washing',
    'tl.ready': 'Ready for pickup',
    'tl.delivered': 'Handed back',
    'tl.no_show': 'Appointment missed',
    'tl.cancelled': 'Cancelled',
    'tl.rework': 'Back to the workshop after the quality check',
    'tl.opStarted': 'Started: {title}',
    'tl.opDone': 'Finished: {title}',
    'tl.partsPaused': 'Paused for a part ({part}): {title}',
    'tl.partsResumed': 'Part arrived ({part}), work goes on: {title}',
    advisor: 'Your advisor',
    advisorDesk: '{name} (desk {desk})',
    queue: 'Queue number {queue}',
    'survey.title': 'How was your visit?',
    'survey.lead': 'Ten seconds to rate us',
    'survey.thanks': 'Thank you for your feedback! It helps us do better.',
    'survey.already': 'Thank you — we already have your answer for this visit.',
    'survey.failed': 'That did not go through. Please try again in a moment.',
    'addOn.title': 'Extra work for you to approve',
    'addOn.lead': 'Our technician found the following during the work. Please tell us whether to do it.',
    'addOn.price': 'Price',
    'addOn.hours': 'About {hours} h of work',
    'addOn.approve': 'Approve',
    'addOn.decline': 'Not now',
    'addOn.photo': 'Photo {n} of “{title}”',
    'addOn.approved': 'You approved it ({time})',
    'addOn.declined': 'You declined it ({time})',
    'addOn.byAdvisor': 'Your advisor recorded your decision ({time})',
    'addOn.failed': 'That did not go through. Please try again or ask your advisor.',
    'addOn.sending': 'Sending…',
    'refused.title': 'This link no longer works',
    'refused.text': 'This tracking link has expired or is not valid. Please ask at the service desk if you need help.',
    reconnecting: 'Connection is unsteady — reconnecting…',
  },
} satisfies Catalogue<Key>;

export type TrackingKey = Key;
