/** The fields of one new task, used when registering a document (several at once) and adding tasks to it. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { ApiError, isPastDeadline } from '../api';
import type { RefData } from '../hooks';
import { DATE_FORMAT } from '../format';
import { codesOf, useI18n } from '../i18n';
import { agencyOption, byVietnameseName, pickerProps, searchKey, takesTasks } from '../pickers';

export interface TaskFormValue {
  content: string;
  leadAgencyId: number;
  coordinatingAgencyIds?: number[];
  fieldId?: number;
  leaderId?: number;
  specialistId?: number;
  deadlineKind: string;
  deadline?: { format: (f: string) => string };
  recurrenceDay?: number;
}

/** Turns the form's values into the API's task shape. */
export function toNewTask(v: TaskFormValue, assign: boolean) {
  return {
    content: v.content,
    leadAgencyId: v.leadAgencyId,
    coordinatingAgencyIds: v.coordinatingAgencyIds ?? [],
    fieldId: v.fieldId ?? null,
    leaderId: v.leaderId ?? null,
    specialistId: v.specialistId ?? null,
    deadlineKind: v.deadlineKind,
    deadline: v.deadlineKind === 'fixed' && v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
    recurrence: v.deadlineKind === 'recurring' ? { freq: 'monthly', day: v.recurrenceDay ?? 25 } : null,
    assign,
  };
}

/**
 * Sends a request that sets deadlines; when the server answers that one is already past (`past_deadline`),
 * asks the user with the server's message and, if they confirm, sends it again with
 * `confirmPastDeadline: true`. When they do not, the error goes on to the form (shown on the field).
 */
export async function sendConfirmingPastDeadline<T>(
  send: (confirmPastDeadline: boolean) => Promise<T>,
  ask: (message: string) => Promise<boolean>,
): Promise<T> {
  try {
    return await send(false);
  } catch (e) {
    if (!isPastDeadline(e) || !(await ask(e.message))) throw e;
    return send(true);
  }
}

/** A document with the same number and symbol is registered in the same year: ask, then `confirmDuplicate`. */
export const isDuplicateDocument = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.code === 'duplicate_document';

/**
 * Sends a document (registration or edit), asking once per question the server raises: a deadline already
 * past (`past_deadline`), a number already registered this year (`duplicate_document`).
 */
export async function sendConfirmingDocument<T>(
  send: (confirm: { confirmPastDeadline: boolean; confirmDuplicate: boolean }) => Promise<T>,
  askPast: (message: string) => Promise<boolean>,
  askDuplicate: (message: string) => Promise<boolean>,
): Promise<T> {
  const confirm = { confirmPastDeadline: false, confirmDuplicate: false };
  for (;;) {
    try {
      return await send(confirm);
    } catch (e) {
      if (isPastDeadline(e) && !confirm.confirmPastDeadline && (await askPast(e.message)))
        confirm.confirmPastDeadline = true;
      else if (isDuplicateDocument(e) && !confirm.confirmDuplicate && (await askDuplicate(e.message)))
        confirm.confirmDuplicate = true;
      else throw e;
    }
  }
}

/** The question asked for a number already registered: the server's message, "register anyway" or cancel. */
export function useDuplicateQuestion(): (message: string) => Promise<boolean> {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (content) =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title: t('duplicateTitle'),
        content,
        okText: t('duplicateConfirm'),
        cancelText: t('cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );
}

/**
 * A form of several parts is sent only by its button: Enter in a one-line field does not submit it (it
 * would register and assign a whole document at once). Text areas keep Enter for new lines; pickers keep it
 * for choosing.
 */
export function noEnterSubmit(e: { key: string; target: unknown; preventDefault: () => void }) {
  const el = e.target as HTMLElement | null;
  if (e.key === 'Enter' && el?.tagName === 'INPUT') e.preventDefault();
}

/** The question `sendConfirmingPastDeadline` asks: the server's message, "record it anyway" or cancel. */
export function usePastDeadlineQuestion(): (message: string) => Promise<boolean> {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (content) =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title: t('pastDeadlineTitle'),
        content,
        okText: t('pastDeadlineConfirm'),
        cancelText: t('cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );
}

export function TaskListFields({ refData, name = 'tasks' }: { refData: RefData | undefined; name?: string }) {
  const { t, label } = useI18n();
  const agencies = (refData?.agencies ?? []).filter(takesTasks);
  const agencyOptions = agencies.map(agencyOption);
  return (
    <Form.List name={name}>
      {(items, { add, remove }) => (
        <>
          {items.map((item, i) => (
            <fieldset key={item.key} className="task-form-card" aria-label={t('taskN', { n: i + 1 })}>
              <div className="task-form-card-head">
                <legend style={{ all: 'unset' }}>{t('taskN', { n: i + 1 })}</legend>
                {items.length > 1 ? (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(item.name)}>
                    {t('removeTask')}
                  </Button>
                ) : null}
              </div>
              <Form.Item
                name={[item.name, 'content']}
                label={t('content')}
                rules={[{ required: true, message: t('required', { f: t('content').toLowerCase() }) }]}
              >
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[item.name, 'leadAgencyId']}
                    label={t('leadAgency')}
                    rules={[{ required: true, message: t('required', { f: t('leadAgency').toLowerCase() }) }]}
                  >
                    <Select {...pickerProps} options={agencyOptions} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[item.name, 'coordinatingAgencyIds']} label={t('coordinatingAgencies')}>
                    <Select mode="multiple" {...pickerProps} options={agencyOptions} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[item.name, 'deadlineKind']} label={t('deadlineKind')} initialValue="fixed">
                    <Select
                      options={codesOf('deadlineKind').map((c) => ({ value: c, label: label('deadlineKind', c) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item noStyle dependencies={[[name, item.name, 'deadlineKind']]}>
                    {({ getFieldValue }) => {
                      const kind = getFieldValue([name, item.name, 'deadlineKind']) as string | undefined;
                      if (kind === 'recurring')
                        return (
                          <Form.Item name={[item.name, 'recurrenceDay']} label={t('recurrenceDay')} initialValue={25}>
                            <InputNumber min={1} max={31} style={{ width: '100%' }} />
                          </Form.Item>
                        );
                      if (kind && kind !== 'fixed') return null;
                      return (
                        <Form.Item
                          name={[item.name, 'deadline']}
                          label={t('deadline')}
                          rules={[{ required: true, message: t('required', { f: t('deadline').toLowerCase() }) }]}
                        >
                          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[item.name, 'fieldId']} label={t('field')}>
                    <Select
                      allowClear
                      {...pickerProps}
                      options={(refData?.fields ?? []).map((f) => ({
                        value: f.id,
                        label: f.name,
                        search: searchKey(f.name, f.code),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[item.name, 'leaderId']} label={t('leader')} extra={t('leaderDefault')}>
                    <Select
                      allowClear
                      {...pickerProps}
                      options={(refData?.leaders ?? []).map((l) => ({
                        value: l.id,
                        label: `${l.fullName} — ${l.position}`,
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[item.name, 'specialistId']} label={t('specialist')}>
                    <Select
                      allowClear
                      {...pickerProps}
                      options={[...(refData?.specialists ?? [])]
                        .sort((a, b) => byVietnameseName(a.fullName, b.fullName))
                        .map((u) => ({ value: u.id, label: u.fullName }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </fieldset>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ deadlineKind: 'fixed' })} style={{ marginBottom: 16 }}>
            {t('addTask')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
