/**
 * What each column of a report means, written out where the figure is shown (a hint on the page, the notes
 * under an Excel table), in Vietnamese and English. The engine puts the Vietnamese ones in every report
 * (and its kept result); the JSON route and the exports give them in the reader's language.
 */
import type { Lang } from '../../errors.js';
import type { ReportFigures } from './types.js';

export type Definitions = Record<keyof ReportFigures, string>;

/** Column → its definition, in Vietnamese (the reports' language). */
export const DEFINITIONS: Definitions = {
  assigned:
    'Số nhiệm vụ được giao: đã giao, chưa hủy hay thu hồi tính đến ngày chốt; nhiệm vụ định kỳ tính từng kỳ, từ ngày bắt đầu kỳ.',
  fallenDue:
    'Số nhiệm vụ đã đến hạn: đã hoàn thành (đúng hạn hoặc quá hạn, kể cả hoàn thành trước hạn) cộng chưa hoàn thành đã quá hạn.',
  doneOnTime:
    'Hoàn thành đúng hạn: báo cáo hoàn thành được chấp nhận, đề ngày không muộn hơn thời hạn, tính đến ngày chốt.',
  doneLate: 'Hoàn thành quá hạn: báo cáo hoàn thành được chấp nhận, đề ngày sau thời hạn, tính đến ngày chốt.',
  inTime: 'Đang thực hiện, trong hạn: chưa hoàn thành và ngày chốt chưa qua thời hạn.',
  overdue: 'Chưa hoàn thành, quá hạn: ngày chốt đã qua thời hạn mà chưa có báo cáo hoàn thành được chấp nhận.',
  overdueUpTo30: 'Quá hạn đến 30 ngày (tính theo ngày lịch đến ngày chốt).',
  overdue31To90: 'Quá hạn từ 31 đến 90 ngày.',
  overdueOver90: 'Quá hạn trên 90 ngày.',
  noDeadline: 'Nhiệm vụ không có thời hạn: không tính vào tỷ lệ.',
  routine: 'Nhiệm vụ thường xuyên: không tính vào tỷ lệ.',
  open: 'Đang mở: chưa hoàn thành (kể cả không thời hạn, thường xuyên), tính đến ngày chốt.',
  notUpdated: 'Chưa cập nhật: đang mở và quá số ngày quy định không có báo cáo tiến độ.',
  completionRate:
    'Tỷ lệ hoàn thành = số hoàn thành (đúng hạn và quá hạn) ÷ số đã đến hạn (hoàn thành + chưa hoàn thành quá hạn); lấy hai chữ số thập phân, không làm tròn lên.',
  onTimeRate:
    'Tỷ lệ hoàn thành đúng hạn = số hoàn thành đúng hạn ÷ số đã đến hạn; lấy hai chữ số thập phân, không làm tròn lên.',
  updateRate: 'Tỷ lệ cập nhật = số nhiệm vụ đang mở có báo cáo tiến độ trong thời gian quy định ÷ số nhiệm vụ đang mở.',
  extensionsRequested: 'Số nhiệm vụ có ít nhất một đề nghị gia hạn gửi đến ngày chốt.',
  extensionsGranted: 'Số nhiệm vụ có ít nhất một lần gia hạn được chấp thuận đến ngày chốt.',
  averageDaysOverdue: 'Số ngày quá hạn bình quân của các nhiệm vụ chưa hoàn thành quá hạn, tính đến ngày chốt.',
  grade:
    'Xếp loại theo tỷ lệ hoàn thành đúng hạn và ngưỡng do quản trị đặt: xuất sắc, tốt, đạt; dưới ngưỡng là chưa đạt.',
};

/** The same definitions in English. */
export const DEFINITIONS_EN: Definitions = {
  assigned:
    'Tasks assigned: assigned, and neither cancelled nor withdrawn, as of the cut-off date; a recurring task counts each period, from the day its period begins.',
  fallenDue:
    'Tasks fallen due: those completed (on time or late, including those completed before their deadline) plus those not completed and overdue.',
  doneOnTime:
    'Completed on time: the completion report was accepted and is dated no later than the deadline, as of the cut-off date.',
  doneLate:
    'Completed late: the completion report was accepted and is dated after the deadline, as of the cut-off date.',
  inTime: 'In progress, in time: not completed, and the cut-off date has not passed the deadline.',
  overdue: 'Not completed, overdue: the cut-off date is past the deadline and no completion report has been accepted.',
  overdueUpTo30: 'Overdue by up to 30 days (calendar days up to the cut-off date).',
  overdue31To90: 'Overdue by 31 to 90 days.',
  overdueOver90: 'Overdue by more than 90 days.',
  noDeadline: 'Tasks without a deadline: not counted in the rates.',
  routine: 'Routine tasks: not counted in the rates.',
  open: 'Open: not completed (including those without a deadline and routine ones), as of the cut-off date.',
  notUpdated: 'Not updated: open, with no progress report for longer than the set number of days.',
  completionRate:
    'Completion rate = tasks completed (on time and late) ÷ tasks fallen due (completed + not completed and overdue); two decimals, never rounded up.',
  onTimeRate: 'On-time rate = tasks completed on time ÷ tasks fallen due; two decimals, never rounded up.',
  updateRate: 'Update rate = open tasks with a progress report within the set time ÷ open tasks.',
  extensionsRequested: 'Tasks with at least one extension request sent by the cut-off date.',
  extensionsGranted: 'Tasks with at least one extension granted by the cut-off date.',
  averageDaysOverdue: 'Average days overdue of the tasks not completed and overdue, as of the cut-off date.',
  grade:
    'Grade from the on-time rate and the thresholds set by the administrator: excellent, good, fair; below them, poor (not reached).',
};

export const definitionsOf = (lang: Lang): Definitions => (lang === 'en' ? DEFINITIONS_EN : DEFINITIONS);
