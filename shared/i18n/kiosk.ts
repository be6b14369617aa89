import type { PlateProblem } from '../domain/plate-rules';
import type { Catalogue } from './translate';

type Key =
  | 'brand.title'
  | 'lang.switch'
  | 'loading'
  | 'loadFailed'
  | 'call.button'
  | 'call.sent'
  | 'call.repeat'
  | 'call.failed'
  | 'call.ok'
  | 'call.coming'
  | 'call.comingAnyone'
  | 'nav.back'
  | 'nav.home'
  | 'nav.next'
  | 'idle.warning'
  | 'idle.stay'
  | 'step.of'
  | 'step.plate'
  | 'step.digits'
  | 'step.services'
  | 'step.details'
  | 'step.confirm'
  | 'step.done'
  | 'step.rate'
  | 'start.welcome'
  | 'start.lead'
  | 'start.appointment'
  | 'start.appointmentHint'
  | 'start.walkIn'
  | 'start.walkInHint'
  | 'start.survey'
  | 'start.scanHint'
  | 'start.privacy'
  | 'plate.title'
  | 'plate.hint'
  | 'plate.newEnergy'
  | 'plate.clear'
  | 'plate.delete'
  | 'plate.pickProvince'
  | 'plate.moreProvinces'
  | `plate.problem.${PlateProblem}`
  | 'plate.incomplete'
  | 'last4.title'
  | 'last4.hint'
  | 'phone.title'
  | 'phone.hint'
  | 'phone.problem'
  | 'phone.problemIntl'
  | 'phone.other'
  | 'last4.problem'
  | 'find.button'
  | 'find.searching'
  | 'appt.scanInstead'
  | 'appt.fromWalkIn'
  | 'scan.title'
  | 'scan.hint'
  | 'scan.camera'
  | 'scan.insteadPlate'
  | 'scan.reading'
  | 'scan.cameraHint'
  | 'scan.cameraClose'
  | 'scan.cameraInsecure'
  | 'scan.cameraDenied'
  | 'scan.cameraUnavailable'
  | 'services.title'
  | 'services.hint'
  | 'services.about'
  | 'services.selected'
  | 'dur.min'
  | 'dur.hours'
  | 'dur.hm'
  | 'details.title'
  | 'details.mileage'
  | 'details.mileageUnit'
  | 'details.describe'
  | 'details.placeholder'
  | 'details.name'
  | 'details.surname'
  | 'sal.mr'
  | 'sal.ms'
  | 'sal.none'
  | 'details.make'
  | 'details.makePick'
  | 'details.makeNone'
  | 'details.surnamePick'
  | 'details.surnameNone'
  | 'details.surnameCommon'
  | 'details.surnameLatin'
  | 'confirm.make'
  | 'chip.noise'
  | 'chip.light'
  | 'chip.vibration'
  | 'chip.ac'
  | 'chip.tyre'
  | 'chip.leak'
  | 'confirm.title'
  | 'confirm.lead'
  | 'confirm.appointment'
  | 'confirm.plate'
  | 'confirm.customer'
  | 'confirm.phone'
  | 'confirm.services'
  | 'confirm.advisor'
  | 'confirm.mileage'
  | 'confirm.description'
  | 'confirm.none'
  | 'confirm.consent'
  | 'confirm.submit'
  | 'confirm.submitting'
  | 'confirm.masked'
  | 'confirm.needConsent'
  | 'done.title'
  | 'done.queue'
  | 'done.wait'
  | 'done.waitNone'
  | 'done.waitAbout'
  | 'done.ahead'
  | 'done.aheadOne'
  | 'done.ready'
  | 'done.track'
  | 'done.link'
  | 'done.next'
  | 'done.print'
  | 'done.finish'
  | 'done.autoHome'
  | 'ticket.title'
  | 'ticket.ro'
  | 'ticket.time'
  | 'ticket.ready'
  | 'ticket.services'
  | 'ticket.footer'
  | 'ticket.scan'
  | 'survey.title'
  | 'survey.visit'
  | 'survey.thanks'
  | 'survey.thanksLead'
  | 'survey.findTitle'
  | 'err.no_match'
  | 'err.rate_limited'
  | 'err.not_today'
  | 'err.already_checked_in'
  | 'err.booking_closed'
  | 'err.unknown_code'
  | 'err.ticket_expired'
  | 'err.network'
  | 'err.server'
  | 'err.invalid'
  | 'err.already_answered'
  | 'err.survey_not_open'
  | 'err.survey_no_match'
  | 'field.mileage'
  | 'field.services'
  | 'field.description'
  | 'field.consent'
  | 'field.surname';

/**
 * Every string of the self-service kiosk (自助接待). Written for a customer in a hurry: short,
 * plain, telling them what to do next. Error keys follow the API's error codes.
 */
export const kioskText = {
  'zh-CN': {
    'brand.title': '自助接待',
    'lang.switch': 'English',
    loading: '正在准备…',
    loadFailed: '暂时无法使用，请到服务前台办理',
    'call.button': '呼叫服务顾问',
    'call.sent': '已通知服务顾问，请稍候',
    'call.repeat': '服务顾问已收到通知，请稍候',
    'call.coming': '{name}正在赶来',
    'call.comingAnyone': '服务顾问正在赶来',
    'call.failed': '呼叫没有成功，请直接到服务前台',
    'call.ok': '好的',
    'nav.back': '上一步',
    'nav.home': '返回首页',
    'nav.next': '下一步',
    'idle.warning': '{n} 秒后将返回首页，并清除已输入的信息',
    'idle.stay': '继续操作',
    'step.of': '第 {n}/{total} 步 · {label}',
    'step.plate': '车牌',
    'step.digits': '手机号',
    'step.services': '服务',
    'step.details': '补充',
    'step.confirm': '确认',
    'step.done': '完成',
    'step.rate': '评价',
    'start.welcome': '欢迎光临',
    'start.lead': '一分钟完成到店登记',
    'start.appointment': '我有预约',
    'start.appointmentHint': '输入车牌和手机尾号，或扫描预约二维码',
    'start.walkIn': '未预约，直接到店',
    'start.walkInHint': '登记车辆和需要的服务',
    'start.survey': '评价已完成的服务',
    'start.scanHint': '也可以直接把预约信息里的二维码对准扫码口',
    'start.privacy': '本机不会显示其他客户的任何信息',
    'plate.title': '请输入车牌号',
    'plate.hint': '新能源车牌为 8 位，最后一格可选',
    'plate.newEnergy': '新能源',
    'plate.clear': '清空',
    'plate.delete': '删除',
    'plate.pickProvince': '请先选择省份简称',
    'plate.moreProvinces': '更多省份',
    'plate.problem.other_format': '车牌应为 2–10 位字母或数字',
    'plate.problem.province': '车牌第一位应为省份简称，如“京”“粤”',
    'plate.problem.office_letter': '车牌第二位应为字母（发牌机关代号）',
    'plate.problem.length': '字母后应有 5 位号码，新能源车牌为 6 位',
    'plate.problem.i_or_o': '车牌中不会出现字母 I 和 O',
    'plate.problem.new_energy_df': '新能源车牌的 6 位号码以 D 或 F 开头或结尾',
    'plate.problem.characters': '车牌中有不允许的字符',
    'plate.incomplete': '车牌还没有输完整',
    'last4.title': '请输入预约手机号的后 4 位',
    'last4.hint': '车牌和手机尾号都一致才能找到您的预约',
    'last4.problem': '请输入 4 位数字',
    'phone.title': '请输入您的手机号',
    'phone.hint': '用于通知您维修进度和取车',
    'phone.problem': '请输入 11 位中国大陆手机号（以 1 开头）',
    'phone.problemIntl': '境外号码请输入 00、国家或地区代码和号码，例如 00852 9123 4567',
    'phone.other': '非中国大陆号码：先输入 00 和国家或地区代码（如香港 00852）',
    'find.button': '查找预约',
    'find.searching': '正在查找…',
    'appt.scanInstead': '扫描预约二维码',
    'appt.fromWalkIn': '我们找到了您今天的预约，请确认后登记',
    'scan.title': '请扫描预约二维码',
    'scan.hint': '把预约信息里的二维码对准扫码口',
    'scan.camera': '用摄像头扫码',
    'scan.insteadPlate': '改为输入车牌',
    'scan.reading': '正在识别…',
    'scan.cameraHint': '把手机上的预约二维码对准摄像头',
    'scan.cameraClose': '关闭摄像头',
    'scan.cameraInsecure': '本机的网页地址不安全，无法使用摄像头，请使用扫码口或输入车牌。',
    'scan.cameraDenied': '摄像头未获授权，请使用扫码口或输入车牌。',
    'scan.cameraUnavailable': '本机没有可用的摄像头，请使用扫码口或输入车牌。',
    'services.title': '需要做哪些服务？',
    'services.hint': '可多选。时长为标准工时，仅供参考',
    'services.about': '约 {time}',
    'services.selected': '已选 {n} 项',
    'dur.min': '{n} 分钟',
    'dur.hours': '{h} 小时',
    'dur.hm': '{h} 小时 {m} 分钟',
    'details.title': '里程和问题描述',
    'details.mileage': '当前里程（选填）',
    'details.mileageUnit': '公里',
    'details.describe': '简单描述问题（选填）',
    'details.placeholder': '例如：刹车时有异响',
    'details.name': '怎么称呼您？（选填）',
    'details.surname': '您的姓氏',
    'sal.mr': '先生',
    'sal.ms': '女士',
    'sal.none': '不填',
    'details.make': '车辆品牌（选填）',
    'details.makePick': '点选品牌',
    'details.makeNone': '不确定，让服务顾问填写',
    'details.surnamePick': '点选姓氏',
    'details.surnameNone': '不填姓氏',
    'details.surnameCommon': '常见姓氏',
    'details.surnameLatin': '英文姓氏首字母',
    'confirm.make': '品牌',
    'chip.noise': '有异响',
    'chip.light': '故障灯亮',
    'chip.vibration': '车辆抖动',
    'chip.ac': '空调问题',
    'chip.tyre': '轮胎问题',
    'chip.leak': '漏油漏水',
    'confirm.title': '请确认您的信息',
    'confirm.lead': '确认无误后点击“确认登记”',
    'confirm.appointment': '预约时间',
    'confirm.plate': '车牌',
    'confirm.customer': '客户',
    'confirm.phone': '手机',
    'confirm.services': '服务项目',
    'confirm.advisor': '服务顾问',
    'confirm.mileage': '里程',
    'confirm.description': '问题描述',
    'confirm.none': '到店后由服务顾问确认',
    'confirm.consent':
      '我同意本店为本次维修记录我的车辆和联系方式，并只为本次维修给我的手机发短信：登记成功（附进度链接）、维修延时（新的预计时间）、配件到店、增项待确认、可以取车（取车地点）、交车后的满意度问卷。不发广告；夜间免打扰时段的短信改在早上发送。进度页面上还可另行开启浏览器通知。',
    'confirm.submit': '确认登记',
    'confirm.submitting': '正在登记…',
    'confirm.masked': '为保护隐私，姓名和手机号已部分隐藏',
    'confirm.needConsent': '请先勾选上面的同意说明',
    'done.title': '登记成功',
    'done.queue': '您的排队号',
    'done.wait': '预计等待',
    'done.waitNone': '马上为您安排',
    'done.waitAbout': '约 {time}',
    'done.ahead': '前面还有 {n} 辆车',
    'done.aheadOne': '前面还有 1 辆车',
    'done.ready': '预计 {time} 完工（以服务顾问确认为准）',
    'done.track': '扫码，随时在手机上查看维修进度',
    'done.link': '或在手机浏览器打开',
    'done.next': '请到休息区稍坐，服务顾问会来与您确认',
    'done.print': '打印小票',
    'done.finish': '完成',
    'done.autoHome': '页面稍后会自动返回首页',
    'ticket.title': '到店登记小票',
    'ticket.ro': '工单号',
    'ticket.time': '登记时间',
    'ticket.ready': '预计完工',
    'ticket.services': '服务项目',
    'ticket.footer': '请妥善保管此小票，取车时出示',
    'ticket.scan': '扫码查看维修进度',
    'survey.title': '您对本次服务满意吗？',
    'survey.visit': '{plate} · {date} 交车',
    'survey.thanks': '感谢您的评价！',
    'survey.thanksLead': '您的意见会帮助我们做得更好',
    'survey.findTitle': '评价已完成的服务',
    'err.no_match': '没有找到匹配的预约。请核对车牌和手机尾号，或选择“未预约”。',
    'err.rate_limited': '尝试次数过多，请 {minutes} 分钟后再试，或呼叫服务顾问。',
    'err.not_today': '您的预约在 {date}。今天也可以为您服务：请返回选择“未预约”，或呼叫服务顾问。',
    'err.already_checked_in': '这辆车已经登记过了（排队号 {queue}）。如需帮助，请呼叫服务顾问。',
    'err.booking_closed': '这个预约已取消或已结束，服务顾问很乐意为您办理。',
    'err.unknown_code': '这不是本店的预约二维码，请改为输入车牌和手机尾号。',
    'err.ticket_expired': '操作时间太久了，请重新开始。',
    'err.network': '网络暂时不通，请稍后再试，或呼叫服务顾问。',
    'err.server': '系统暂时出错，请呼叫服务顾问。',
    'err.invalid': '有信息不正确，请检查后再试。',
    'err.already_answered': '感谢您！这次服务的评价我们已经收到了。',
    'err.survey_not_open': '取车之后就可以评价了。',
    'err.survey_no_match': '没有找到近期已完成的服务。请核对车牌和手机尾号。',
    'field.mileage': '里程请填写 0 到 3,000,000 之间的整数',
    'field.services': '请至少选择一项服务，或简单描述问题',
    'field.description': '问题描述请不超过 200 字',
    'field.consent': '请先勾选同意说明',
    'field.surname': '姓氏请不超过 20 个字',
  },
  en: {
    'brand.title': 'Self check-in',
    'lang.switch': '中文',
    loading: 'Getting ready…',
    loadFailed: 'Not available right now — please go to the service desk',
    'call.button': 'Call an advisor',
    'call.sent': 'An advisor has been called. Please wait here',
    'call.repeat': 'An advisor has already been called. Please wait here',
    'call.coming': '{name} is on the way',
    'call.comingAnyone': 'An advisor is on the way',
    'call.failed': 'The call did not go through — please go to the service desk',
    'call.ok': 'OK',
    'nav.back': 'Back',
    'nav.home': 'Start over',
    'nav.next': 'Next',
    'idle.warning': 'Going back to the start in {n} s — what you typed will be cleared',
    'idle.stay': "I'm still here",
    'step.of': 'Step {n} of {total} · {label}',
    'step.plate': 'Plate',
    'step.digits': 'Phone',
    'step.services': 'Services',
    'step.details': 'Details',
    'step.confirm': 'Confirm',
    'step.done': 'Done',
    'step.rate': 'Rate',
    'start.welcome': 'Welcome',
    'start.lead': 'Check in here in under a minute',
    'start.appointment': 'I have an appointment',
    'start.appointmentHint': 'Plate and last 4 phone digits, or scan your booking QR code',
    'start.walkIn': 'No appointment',
    'start.walkInHint': 'Tell us about your car and what it needs',
    'start.survey': 'Rate a recent visit',
    'start.scanHint': 'You can also hold the QR code from your booking message to the scanner',
    'start.privacy': "This kiosk never shows anyone else's details",
    'plate.title': 'Enter your plate number',
    'plate.hint': 'New-energy plates have 8 characters; the last box is optional',
    'plate.newEnergy': 'New energy',
    'plate.clear': 'Clear',
    'plate.delete': 'Delete',
    'plate.pickProvince': 'Choose the province character first',
    'plate.moreProvinces': 'More provinces',
    'plate.problem.other_format': 'A plate has 2–10 letters or digits',
    'plate.problem.province': 'A plate starts with a province character such as 京 or 粤',
    'plate.problem.office_letter': 'The second character is a letter (the issuing office)',
    'plate.problem.length': 'After the letter come 5 characters, or 6 on a new-energy plate',
    'plate.problem.i_or_o': 'Plates never contain the letters I or O',
    'plate.problem.new_energy_df': 'A new-energy plate starts or ends its 6 characters with D or F',
    'plate.problem.characters': 'The plate has characters that are not allowed',
    'plate.incomplete': 'The plate is not complete yet',
    'last4.title': 'Enter the last 4 digits of the phone number you booked with',
    'last4.hint': 'Both the plate and these digits must match',
    'last4.problem': 'Enter 4 digits',
    'phone.title': 'Enter your mobile number',
    'phone.hint': "We'll tell you about progress and pickup",
    'phone.problem': 'Enter an 11-digit mainland China mobile number (starting with 1)',
    'phone.problemIntl': 'For a number outside mainland China, type 00, the country code and the number, e.g. 00852 9123 4567',
    'phone.other': 'Not a mainland China number? Start with 00 and the country code (Hong Kong: 00852)',
    'find.button': 'Find my appointment',
    'find.searching': 'Searching…',
    'appt.scanInstead': 'Scan booking QR code',
    'appt.fromWalkIn': 'We found your appointment for today — please check it',
    'scan.title': 'Scan your booking QR code',
    'scan.hint': 'Hold the QR code from your booking message to the scanner',
    'scan.camera': 'Use the camera',
    'scan.insteadPlate': 'Enter my plate instead',
    'scan.reading': 'Reading…',
    'scan.cameraHint': 'Hold the booking QR code on your phone up to the camera',
    'scan.cameraClose': 'Close the camera',
    'scan.cameraInsecure': 'The camera needs a secure page address here. Please use the scanner or enter your plate.',
    'scan.cameraDenied': 'The camera is not allowed. Please use the scanner or enter your plate.',
    'scan.cameraUnavailable': 'No camera is available. Please use the scanner or enter your plate.',
    'services.title': 'What does your car need?',
    'services.hint': 'Choose any. Times are standard labour times, as a guide',
    'services.about': 'about {time}',
    'services.selected': '{n} selected',
    'dur.min': '{n} min',
    'dur.hours': '{h} h',
    'dur.hm': '{h} h {m} min',
    'details.title': 'Mileage and what you noticed',
    'details.mileage': 'Current mileage (optional)',
    'details.mileageUnit': 'km',
    'details.describe': 'Describe the problem (optional)',
    'details.placeholder': 'e.g. squeaking when braking',
    'details.name': 'How should we address you? (optional)',
    'details.surname': 'Surname',
    'sal.mr': 'Mr',
    'sal.ms': 'Ms',
    'sal.none': 'Skip',
    'details.make': 'Make of your car (optional)',
    'details.makePick': 'Tap the make',
    'details.makeNone': 'Not sure: the advisor will fill it in',
    'details.surnamePick': 'Tap surname',
    'details.surnameNone': 'No surname',
    'details.surnameCommon': 'Common Chinese surnames',
    'details.surnameLatin': 'Initial of a surname in Latin letters',
    'confirm.make': 'Make',
    'chip.noise': 'Strange noise',
    'chip.light': 'Warning light on',
    'chip.vibration': 'Vibration',
    'chip.ac': 'Air conditioning',
    'chip.tyre': 'Tyres',
    'chip.leak': 'Leak',
    'confirm.title': 'Please check your details',
    'confirm.lead': 'If everything is right, tap "Check in"',
    'confirm.appointment': 'Appointment',
    'confirm.plate': 'Plate',
    'confirm.customer': 'Name',
    'confirm.phone': 'Phone',
    'confirm.services': 'Services',
    'confirm.advisor': 'Advisor',
    'confirm.mileage': 'Mileage',
    'confirm.description': 'Problem',
    'confirm.none': 'Your advisor will confirm at the car',
    'confirm.consent':
      "I agree that the store records my vehicle and contact details for this visit and texts my phone about this visit only: checked in (with a progress link), delayed (the new time), parts arrived, extra work to approve, ready for pickup (where to collect) and a survey after handover. No advertising; texts due in the store's quiet hours wait until morning. Browser notifications can be switched on separately on the progress page.",
    'confirm.submit': 'Check in',
    'confirm.submitting': 'Checking in…',
    'confirm.masked': 'Name and phone are partly hidden for your privacy',
    'confirm.needConsent': 'Please tick the agreement above first',
    'done.title': "You're checked in",
    'done.queue': 'Your queue number',
    'done.wait': 'Estimated wait',
    'done.waitNone': 'Right away',
    'done.waitAbout': 'about {time}',
    'done.ahead': '{n} cars ahead of you',
    'done.aheadOne': '1 car ahead of you',
    'done.ready': 'Expected ready around {time} (your advisor will confirm)',
    'done.track': 'Scan to follow your car on your phone',
    'done.link': 'or open in your phone browser',
    'done.next': 'Please take a seat in the lounge — your advisor will come to you',
    'done.print': 'Print ticket',
    'done.finish': 'Done',
    'done.autoHome': 'This screen returns to the start by itself',
    'ticket.title': 'Check-in ticket',
    'ticket.ro': 'Repair order',
    'ticket.time': 'Checked in',
    'ticket.ready': 'Expected ready',
    'ticket.services': 'Services',
    'ticket.footer': 'Please keep this ticket and show it at pickup',
    'ticket.scan': 'Scan to follow your car',
    'survey.title': 'How was your visit?',
    'survey.visit': '{plate} · collected {date}',
    'survey.thanks': 'Thank you for your feedback!',
    'survey.thanksLead': 'It helps us do better',
    'survey.findTitle': 'Rate a recent visit',
    'err.no_match': 'No appointment matches this plate and phone number. Check both, or choose "No appointment".',
    'err.rate_limited': 'Too many tries. Please wait {minutes} min, or call an advisor.',
    'err.not_today': 'Your appointment is on {date}. We can still help today: go back and choose "No appointment", or call an advisor.',
    'err.already_checked_in': 'This car is already checked in (queue number {queue}). Call an advisor if you need help.',
    'err.booking_closed': 'This booking was cancelled or has ended. An advisor will gladly help you.',
    'err.unknown_code': 'This is not a booking code of this store. Please enter your plate and phone digits instead.',
    'err.ticket_expired': 'That took too long. Please start again.',
    'err.network': 'No connection right now. Please try again, or call an advisor.',
    'err.server': 'Something went wrong. Please call an advisor.',
    'err.invalid': 'Something is not right. Please check and try again.',
    'err.already_answered': 'Thank you — we already have your answer for this visit.',
    'err.survey_not_open': 'You can rate the visit once you have collected your car.',
    'err.survey_no_match': 'We found no recent finished visit for this plate and phone number.',
    'field.mileage': 'Mileage must be a whole number from 0 to 3,000,000',
    'field.services': 'Choose at least one service, or describe the problem',
    'field.description': 'Please keep the description under 200 characters',
    'field.consent': 'Please tick the agreement first',
    'field.surname': 'Please keep the surname under 20 characters',
  },
} satisfies Catalogue<Key>;

export type KioskKey = Key;
