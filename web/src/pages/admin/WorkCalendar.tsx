/** The working calendar of a year: days off and swapped working days, each editable by the administrator. */
import { Alert, App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type CalendarDay } from '../../api';
import { fmtDate } from '../../format';
import { applyServerErrors, FormError, isOffice, LoadError, Page, PageSpin, useMe } from '../../hooks';
import { keys, queries, tasksChanged } from '../../queries';
import { useI18n } from '../../i18n';
import { MONTHS_EN } from '../../../../src/domain/dates.js';

const DOW_VI = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
const DOW_EN = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const MONTH_VI = (m: number) => `Tháng ${m}`;

export default function WorkCalendar() {
  const { t, label, lang } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const qc = useQueryClient();
  const cal = useQuery(queries.workCalendar(year));
  // A day's kind moves the deadlines that fall on it (due dates, timeliness): the tasks' figures too.
  const changed = () => Promise.all([qc.invalidateQueries({ queryKey: keys.workCalendar(year) }), tasksChanged(qc)]);
  const [edit, setEdit] = useState<{ date: string; day?: CalendarDay } | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const admin = me.role === 'admin';
  void isOffice;

  const save = async () => {
    if (!edit) return;
    const v = (await form.validateFields()) as { kind: string; nameVi?: string; nameEn?: string };
    setError(null);
    try {
      await api.put(`/calendar/days/${edit.date}`, {
        kind: v.kind,
        nameVi: v.nameVi || null,
        nameEn: v.nameEn || null,
      });
      setEdit(null);
      message.success(t('saved'));
      void changed();
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  const reset = (date: string) =>
    modal.confirm({
      title: t('confirmResetDay', { d: fmtDate(date) }),
      okText: t('confirm'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await api.del(`/calendar/days/${date}`);
          setEdit(null);
          void changed();
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  const special = new Map((cal.data?.days ?? []).map((d) => [d.date, d]));
  const months = Array.from({ length: 12 }, (_, m) => {
    const first = new Date(Date.UTC(year, m, 1));
    const offset = (first.getUTCDay() + 6) % 7;
    const n = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
    return { m, offset, n };
  });

  return (
    <Page
      title={t('workCalendar')}
      extra={
        <Space>
          <Button onClick={() => setYear((y) => y - 1)} aria-label={`${year - 1}`}>
            ‹ {year - 1}
          </Button>
          <strong style={{ fontSize: 18 }}>{year}</strong>
          <Button onClick={() => setYear((y) => y + 1)} aria-label={`${year + 1}`}>
            {year + 1} ›
          </Button>
        </Space>
      }
    >
      {cal.error ? <LoadError error={cal.error} onRetry={() => void cal.refetch()} /> : null}
      {!cal.data ? (
        <PageSpin />
      ) : (
        <>
          {cal.data.provisional ? (
            <Alert
              type="warning"
              showIcon
              role="status"
              style={{ marginBottom: 12 }}
              message={t('calendarProvisional', { y: cal.data.year })}
            />
          ) : null}
          <p>
            {t('workingDaysInYear', { n: cal.data.workingDays })}. {admin ? t('clickDayHelp') : t('adminOnly')}
          </p>
          {cal.data.decisionSource ? (
            <p className="muted">{t('calendarDecision', { s: cal.data.decisionSource })}</p>
          ) : null}
          <div className="legend">
            {(['holiday', 'compensatory', 'working_day'] as const).map((k) => (
              <span key={k}>
                <span className={`sw day ${k}`} style={{ padding: 0 }} /> {label('dayKind', k)}
              </span>
            ))}
            <span>
              <span className="sw day weekend" style={{ padding: 0 }} /> {t('weekend')}
            </span>
          </div>
          <div className="year-grid">
            {months.map(({ m, offset, n }) => (
              <section key={m} className="month-box" aria-label={lang === 'vi' ? MONTH_VI(m + 1) : MONTHS_EN[m]}>
                <h3>{lang === 'vi' ? MONTH_VI(m + 1) : MONTHS_EN[m]}</h3>
                <div className="month-days">
                  {(lang === 'vi' ? DOW_VI : DOW_EN).map((d) => (
                    <span key={d} className="dow">
                      {d}
                    </span>
                  ))}
                  {Array.from({ length: offset }, (_, i) => (
                    <span key={`e${i}`} />
                  ))}
                  {Array.from({ length: n }, (_, i) => {
                    const date = `${year}-${String(m + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`;
                    const dow = (offset + i) % 7;
                    const sp = special.get(date);
                    const cls = [
                      'day',
                      dow >= 5 ? 'weekend' : '',
                      sp ? sp.kind : '',
                      sp?.corrected ? 'corrected' : '',
                    ].join(' ');
                    const name = sp ? (lang === 'vi' ? sp.nameVi : sp.nameEn) : '';
                    return (
                      <button
                        key={date}
                        type="button"
                        className={cls}
                        title={name ? `${fmtDate(date)}: ${name}` : fmtDate(date)}
                        aria-label={`${lang === 'vi' ? `${i + 1} ${MONTH_VI(m + 1).toLowerCase()} ${year}` : `${i + 1} ${MONTHS_EN[m]} ${year}`}${name ? `: ${name}` : ''}`}
                        disabled={!admin}
                        onClick={() => {
                          setError(null);
                          setEdit({ date, day: sp });
                        }}
                      >
                        {i + 1}
                      </button>
                    );
                  })}
                </div>
              </section>
            ))}
          </div>
        </>
      )}
      <Modal
        open={edit !== null}
        title={edit ? t('editDay', { d: fmtDate(edit.date) }) : ''}
        okText={t('save')}
        cancelText={t('cancel')}
        onOk={() => void save()}
        onCancel={() => setEdit(null)}
        destroyOnHidden
        footer={(orig) => (
          <Space wrap>
            {edit?.day?.corrected ? (
              <Button danger onClick={() => reset(edit.date)}>
                {t('resetDay')}
              </Button>
            ) : null}
            {orig}
          </Space>
        )}
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            kind: edit?.day?.kind ?? 'day_off',
            nameVi: edit?.day?.nameVi ?? '',
            nameEn: edit?.day?.nameEn ?? '',
          }}
        >
          <FormError message={error} />
          <Form.Item name="kind" label={t('dayKind')}>
            <Select
              options={['holiday', 'compensatory', 'day_off', 'working_day', 'remove'].map((k) => ({
                value: k,
                label: label('dayKind', k),
              }))}
            />
          </Form.Item>
          <Form.Item name="nameVi" label={`${t('dayName')} (${t('nameVi').replace(/^.*\(|\)$/g, '')})`}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="nameEn" label={`${t('dayName')} (${t('nameEn').replace(/^.*\(|\)$/g, '')})`}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
