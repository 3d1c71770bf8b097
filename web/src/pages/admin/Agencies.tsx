/**
 * Agencies as a tree (by parent), add/edit, and merge into a successor (ends the agency, hands tasks over). A
 * merger larger than a batch goes on in the background (ADR 0024): a notification follows it to the end.
 */
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api, type Agency, type Handover, type MergeResult } from '../../api';
import { DATE_FORMAT, fmtDate } from '../../format';
import { applyServerErrors, FormError, LoadError, Page } from '../../hooks';
import { invalidate, keys, queries, tasksChanged } from '../../queries';
import { codesOf, useI18n } from '../../i18n';
import { agencyOption, matchesPicker, pickerProps, searchKey } from '../../pickers';

type Row = Agency & { children?: Row[] };

/** The hand-over of a large merger, asked for every second until it ends; then the lists are read again. */
function HandoverStatus({ agencyId }: { agencyId: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [retrying, setRetrying] = useState(false);
  const q = useQuery({
    ...queries.handover(agencyId),
    refetchInterval: (x) =>
      x.state.error ? 3000 : x.state.data?.status === 'done' || x.state.data?.status === 'failed' ? false : 1000,
  });
  const h = q.data;
  const done = h?.status === 'done';
  useEffect(() => {
    if (!done) return;
    void invalidate(qc, keys.agencies());
    void tasksChanged(qc);
  }, [done, qc]);
  if (!h) return q.error ? <span className="muted">{q.error.message}</span> : null;
  return (
    <Space direction="vertical" size={6} className="handover-status" data-status={h.status} style={{ width: '100%' }}>
      <span>
        {done
          ? t('merged', { n: h.handedOver })
          : t(h.status === 'failed' ? 'handoverHalted' : 'handoverRunning', { n: h.handedOver, r: h.remaining })}
      </span>
      <Progress
        percent={Math.round(h.progress)}
        size="small"
        status={h.status === 'failed' ? 'exception' : undefined}
        aria-label={t('handoverProgress')}
      />
      {h.error ? <span className="muted">{t('handoverFailed', { e: h.error })}</span> : null}
      {h.status === 'failed' ? (
        <Button
          size="small"
          loading={retrying}
          onClick={async () => {
            setRetrying(true);
            try {
              qc.setQueryData(
                keys.handover(agencyId),
                await api.post<Handover>(`/agencies/${agencyId}/handover/retry`, {}),
              );
            } catch (e) {
              void message.error((e as Error).message);
            } finally {
              setRetrying(false);
            }
          }}
        >
          {t('retry')}
        </Button>
      ) : null}
    </Space>
  );
}

export default function Agencies() {
  const { t, label } = useI18n();
  const { message, modal, notification } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery(queries.agencies());
  const [showEnded, setShowEnded] = useState(false);
  const [q, setQ] = useState('');
  const [edit, setEdit] = useState<Agency | 'new' | null>(null);
  const [merge, setMerge] = useState<Agency | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const all = useMemo(() => list.data ?? [], [list.data]);
  const tree = useMemo(() => {
    const visible = all.filter(
      (a) => (showEnded || a.active) && (!q || matchesPicker(q, searchKey(a.name, a.shortName, a.code))),
    );
    const ids = new Set(visible.map((a) => a.id));
    const rows = new Map<number, Row>(visible.map((a) => [a.id, { ...a }]));
    const roots: Row[] = [];
    for (const r of rows.values()) {
      const parent = r.parentId && ids.has(r.parentId) ? rows.get(r.parentId) : undefined;
      if (parent) (parent.children ??= []).push(r);
      else roots.push(r);
    }
    return roots;
  }, [all, showEnded, q]);

  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    setError(null);
    try {
      if (edit === 'new')
        await api.post('/agencies', {
          ...v,
          validFrom: (v.validFrom as dayjs.Dayjs).format('YYYY-MM-DD'),
          parentId: v.parentId ?? null,
        });
      else if (edit) {
        const { code: _c, validFrom: _v, ...rest } = v;
        void _c;
        void _v;
        await api.patch(`/agencies/${edit.id}`, { ...rest, parentId: rest.parentId ?? null, version: edit.version });
      }
      setEdit(null);
      message.success(t('saved'));
      // Names show in every list and report.
      void invalidate(qc, keys.agencies(), keys.reports.all(), keys.stats.all());
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  /** Opens (or brings back) the notice that follows an agency's hand-over to its end. */
  const followHandover = (a: Agency) =>
    notification.open({
      key: `handover-${a.id}`,
      message: t('handoverTitle', { a: a.name }),
      description: <HandoverStatus agencyId={a.id} />,
      duration: 0,
      placement: 'bottomRight',
      role: 'status',
    });

  const doMerge = async () => {
    if (!merge) return;
    const v = (await form.validateFields()) as { successorId: number; endDate: dayjs.Dayjs };
    const succ = all.find((a) => a.id === v.successorId);
    modal.confirm({
      title: t('merge'),
      content: t('confirmMerge', { a: merge.name, d: v.endDate.format(DATE_FORMAT), b: succ?.name ?? '' }),
      okText: t('confirm'),
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          const r = await api.post<MergeResult>(`/agencies/${merge.id}/merge`, {
            version: merge.version,
            successorId: v.successorId,
            endDate: v.endDate.format('YYYY-MM-DD'),
          });
          setMerge(null);
          if (r.jobId === null) message.success(t('merged', { n: r.handedOver }));
          else followHandover(merge);
          // The agency's tasks were handed over to its successor.
          void invalidate(qc, keys.agencies());
          void tasksChanged(qc);
        } catch (e) {
          setError(applyServerErrors(form, e));
        }
      },
    });
  };

  const parentOptions = all.filter((a) => a.active).map(agencyOption);
  return (
    <Page
      title={t('agencies')}
      extra={
        <Button type="primary" onClick={() => (setError(null), setEdit('new'))}>
          {t('addAgency')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t('search')}
          aria-label={t('search')}
          allowClear
          onSearch={setQ}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 300 }}
        />
        <Checkbox checked={showEnded} onChange={(e) => setShowEnded(e.target.checked)}>
          {t('showEnded')}
        </Checkbox>
      </Space>
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<Row>
        rowKey="id"
        loading={list.isFetching}
        dataSource={tree}
        pagination={false}
        size="middle"
        scroll={{ x: 'max-content' }}
        expandable={{ defaultExpandAllRows: true }}
        columns={[
          { title: t('agencyName'), key: 'n', render: (_, a) => <span className="cell-content">{a.name}</span> },
          { title: t('agencyCode'), dataIndex: 'code', width: 120 },
          { title: t('kind'), key: 'k', width: 180, render: (_, a) => label('agencyKind', a.kind) },
          {
            title: t('status'),
            key: 's',
            width: 200,
            render: (_, a) =>
              a.handover ? (
                <Tag
                  color={a.handover.status === 'failed' ? 'red' : 'blue'}
                  className="handover-tag"
                  role="button"
                  tabIndex={0}
                  style={{ cursor: 'pointer' }}
                  onClick={() => followHandover(a)}
                  onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && followHandover(a)}
                >
                  {a.handover.status === 'failed'
                    ? t('handoverStuck')
                    : t('handoverGoing', { p: Math.round(a.handover.progress) })}
                </Tag>
              ) : a.active ? (
                <Tag color="green">
                  {t('active')}
                  {a.successorId && a.validTo
                    ? ` ${t('until', { d: fmtDate(a.validTo) })} → ${all.find((x) => x.id === a.successorId)?.shortName ?? ''}`
                    : ''}
                </Tag>
              ) : (
                <Tag>
                  {t('ended')} {a.validTo ? fmtDate(a.validTo) : ''}
                  {a.successorId ? ` → ${all.find((x) => x.id === a.successorId)?.shortName ?? ''}` : ''}
                </Tag>
              ),
          },
          {
            title: t('actions'),
            key: 'x',
            width: 200,
            render: (_, a) => (
              <Space>
                <Button size="small" onClick={() => (setError(null), setEdit(a))}>
                  {t('edit')}
                </Button>
                {a.actions.includes('merge') ? (
                  <Button size="small" danger onClick={() => (setError(null), setMerge(a))}>
                    {t('merge')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={edit !== null}
        title={edit === 'new' ? t('addAgency') : t('edit')}
        okText={t('save')}
        cancelText={t('cancel')}
        onOk={() => void save()}
        confirmLoading={busy}
        onCancel={() => setEdit(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={
            edit && edit !== 'new'
              ? { ...edit, validFrom: dayjs(edit.validFrom) }
              : { kind: 'department', sortOrder: 0, validFrom: dayjs() }
          }
        >
          <FormError message={error} />
          <Form.Item
            name="code"
            label={t('agencyCode')}
            rules={[{ required: true, message: t('required', { f: t('agencyCode').toLowerCase() }) }]}
          >
            <Input disabled={edit !== 'new'} maxLength={40} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('agencyName')}
            rules={[{ required: true, message: t('required', { f: t('agencyName').toLowerCase() }) }]}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item
            name="shortName"
            label={t('shortName')}
            rules={[{ required: true, message: t('required', { f: t('shortName').toLowerCase() }) }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={t('kind')}>
            <Select options={codesOf('agencyKind').map((c) => ({ value: c, label: label('agencyKind', c) }))} />
          </Form.Item>
          <Form.Item name="parentId" label={t('parent')}>
            <Select allowClear {...pickerProps} options={parentOptions} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('order')}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
          <Form.Item name="validFrom" label={t('validFrom')}>
            <DatePicker format={DATE_FORMAT} disabled={edit !== 'new'} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={merge !== null}
        title={merge ? `${merge.name}: ${t('merge').toLowerCase()}` : ''}
        okText={t('merge')}
        okButtonProps={{ danger: true }}
        cancelText={t('cancel')}
        onOk={() => void doMerge()}
        onCancel={() => setMerge(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ endDate: dayjs() }}>
          <FormError message={error} />
          <Form.Item
            name="successorId"
            label={t('successor')}
            rules={[{ required: true, message: t('required', { f: t('successor').toLowerCase() }) }]}
          >
            <Select {...pickerProps} options={parentOptions.filter((o) => o.value !== merge?.id)} />
          </Form.Item>
          <Form.Item
            name="endDate"
            label={t('endDate')}
            rules={[{ required: true, message: t('required', { f: t('endDate').toLowerCase() }) }]}
          >
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
