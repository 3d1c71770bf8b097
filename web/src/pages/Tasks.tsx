/**
 * The task list: every filter the API offers, kept in the address (so a figure on a home page links to
 * the tasks behind it and a saved view is just a stored query), chosen columns, colour per timeliness,
 * and bulk actions for the Office (assign a specialist, urge).
 */
import { FilterOutlined, SettingOutlined, StarFilled } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Pagination,
  Popover,
  Row,
  Select,
  Space,
  Table,
  Grid,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, type TaskSummary } from '../api';
import { ActiveFilters } from '../components/ActiveFilters';
import { AgainstSelect, csv, FilterField, useFilterOptions } from '../components/FilterFields';
import { SavedViews } from '../components/SavedViews';
import { TaskExportButton } from '../components/Exports';
import { DeadlineText, Legend, StatusTag, TimelinessTag } from '../components/TaskBits';
import { DATE_FORMAT, fmtDate, fmtDateTime } from '../format';
import { isOffice, LoadError, Page, useMe, useRefData } from '../hooks';
import { queries, tasksChanged } from '../queries';
import { codesOf, useI18n, type TextKey } from '../i18n';
import { TaskCards } from '../components/TaskCards';
import { byVietnameseName, pickerProps, searchKey } from '../pickers';

const FILTER_KEYS = [
  'q',
  'asOf',
  'timeliness',
  'against',
  'status',
  'agencyId',
  'agencyRole',
  'leaderId',
  'fieldId',
  'specialistId',
  'documentId',
  'parentId',
  'deadlineKind',
  'dueFrom',
  'dueTo',
  'starred',
  'notUpdated',
  'pendingExtension',
  'returned',
  'sort',
] as const;

const PAGING_KEYS = new Set(['page', 'pageSize']);
const PANEL_KEYS = new Set<string>(FILTER_KEYS);

const ALL_COLUMNS: { key: string; label: TextKey }[] = [
  { key: 'code', label: 'code' },
  { key: 'content', label: 'content' },
  { key: 'leadAgency', label: 'leadAgency' },
  { key: 'deadline', label: 'deadline' },
  { key: 'status', label: 'status' },
  { key: 'timeliness', label: 'timeliness' },
  { key: 'leader', label: 'leader' },
  { key: 'field', label: 'field' },
  { key: 'specialist', label: 'specialist' },
  { key: 'document', label: 'document' },
  { key: 'lastReport', label: 'lastReport' },
  { key: 'completedOn', label: 'completedOn' },
];
const DEFAULT_COLUMNS = ['code', 'content', 'leadAgency', 'deadline', 'status', 'timeliness'];

function loadColumns(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem('nv.taskColumns') ?? 'null') as unknown;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string') && v.length) return v as string[];
  } catch {
    /* ignore */
  }
  return DEFAULT_COLUMNS;
}

export default function Tasks() {
  const me = useMe();
  const office = isOffice(me);
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const ref = useRefData();
  const [columns, setColumnsState] = useState<string[]>(loadColumns);
  const [selected, setSelected] = useState<number[]>([]);
  const [showFilters, setShowFilters] = useState(false);
  const [bulk, setBulk] = useState<null | 'assign' | 'urge'>(null);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [bulkForm] = Form.useForm();

  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  // Every parameter of the address but paging goes to the API: a report's figure opens this list with
  // filters the panel has no control for (assignedFrom, counted…); they show as tags that can be cleared.
  const query = useMemo(() => {
    const q: Record<string, string> = {};
    for (const [k, v] of params) if (v && !PAGING_KEYS.has(k)) q[k] = v;
    return q;
  }, [params]);

  const qc = useQueryClient();
  const list = useQuery(queries.tasks({ ...query, page, pageSize }));

  const setColumns = (c: string[]) => {
    localStorage.setItem('nv.taskColumns', JSON.stringify(c));
    setColumnsState(c);
  };
  const update = (patch: Record<string, string | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
    setSelected([]);
  };

  const { agencyOptions, leaderOptions } = useFilterOptions();
  const fieldOptions = (ref.data?.fields ?? []).map((f) => ({
    value: String(f.id),
    label: f.name,
    search: searchKey(f.name, f.code),
  }));
  const specialistOptions = [...(ref.data?.specialists ?? [])]
    .sort((a, b) => byVietnameseName(a.fullName, b.fullName))
    .map((u) => ({ value: String(u.id), label: u.fullName }));

  const cols: ColumnsType<TaskSummary> = [
    {
      key: 'code',
      title: t('code'),
      dataIndex: 'code',
      width: 140,
      render: (v: string, r) => <Link to={`/tasks/${r.id}`}>{v}</Link>,
    },
    {
      key: 'content',
      title: t('content'),
      render: (_, r) => (
        <div className="cell-content clamp-2" title={r.content}>
          {r.starred ? <StarFilled style={{ color: '#d48806', marginRight: 4 }} aria-label={t('starred')} /> : null}
          <Link to={`/tasks/${r.id}`}>{r.content}</Link>
        </div>
      ),
    },
    { key: 'leadAgency', title: t('leadAgency'), width: 170, render: (_, r) => r.leadAgency?.name },
    {
      key: 'deadline',
      title: query.against === 'original' ? t('originalDeadline') : t('deadline'),
      width: 120,
      render: (_, r) => <DeadlineText task={r} against={query.against === 'original' ? 'original' : 'current'} />,
    },
    { key: 'status', title: t('status'), width: 140, render: (_, r) => <StatusTag value={r.status} /> },
    {
      key: 'timeliness',
      title: t('timeliness'),
      width: 190,
      render: (_, r) => <TimelinessTag value={r.timeliness} overdueDays={r.overdueDays} />,
    },
    { key: 'leader', title: t('leader'), width: 160, render: (_, r) => r.leader?.name ?? '—' },
    { key: 'field', title: t('field'), width: 150, render: (_, r) => r.field?.name ?? '—' },
    { key: 'specialist', title: t('specialist'), width: 160, render: (_, r) => r.specialist?.name ?? '—' },
    {
      key: 'document',
      title: t('document'),
      width: 150,
      render: (_, r) => (r.document ? <Link to={`/documents/${r.document.id}`}>{r.document.number}</Link> : '—'),
    },
    { key: 'lastReport', title: t('lastReport'), width: 150, render: (_, r) => fmtDateTime(r.lastReportAt) },
    { key: 'completedOn', title: t('completedOn'), width: 120, render: (_, r) => fmtDate(r.completedOn) },
  ];
  const shown = cols.filter((c) => columns.includes(String(c.key)));
  // The content column takes what the others leave; only beyond the default columns may the table scroll.
  const fixedWidth = shown.reduce((n, c) => n + (typeof c.width === 'number' ? c.width : 0), 0);
  const scrollX = shown.length > DEFAULT_COLUMNS.length ? fixedWidth + 360 : undefined;

  const runBulk = async () => {
    const v = (await bulkForm.validateFields()) as { specialistId?: number; message?: string };
    const items = (list.data?.items ?? []).filter((r) => selected.includes(r.id));
    setBulkBusy(true);
    let ok = 0;
    const failures: string[] = [];
    for (const r of items) {
      try {
        if (bulk === 'assign') await api.patch(`/tasks/${r.id}`, { version: r.version, specialistId: v.specialistId });
        else await api.post(`/tasks/${r.id}/urge`, { message: v.message });
        ok++;
      } catch (e) {
        failures.push(t('bulkFailed', { code: r.code, msg: e instanceof ApiError ? e.message : String(e) }));
      }
    }
    setBulkBusy(false);
    setBulk(null);
    setSelected([]);
    void tasksChanged(qc);
    if (failures.length)
      modal.warning({
        title: t('bulkDone', { ok, n: items.length }),
        content: (
          <ul>
            {failures.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ),
      });
    else message.success(t('bulkDone', { ok, n: items.length }));
  };

  const activeFilters = Object.keys(query).filter((k) => k !== 'sort').length;
  const d = (k: string) => (query[k] ? dayjs(query[k]) : null);
  const data = list.data;

  const filters = (
    <div className="filters" role="search">
      <Row gutter={12}>
        <FilterField xs={24} md={12} lg={8} label={t('timeliness')} htmlFor="f-timeliness">
          <Select
            id="f-timeliness"
            mode="multiple"
            allowClear
            value={csv(query.timeliness ?? null)}
            onChange={(v: string[]) => update({ timeliness: v.join(',') })}
            options={codesOf('timeliness').map((c) => ({ value: c, label: label('timeliness', c) }))}
          />
        </FilterField>
        <FilterField xs={24} md={12} lg={8} label={t('status')} htmlFor="f-status">
          <Select
            id="f-status"
            mode="multiple"
            allowClear
            value={csv(query.status ?? null)}
            onChange={(v: string[]) => update({ status: v.join(',') })}
            options={codesOf('status').map((c) => ({ value: c, label: label('status', c) }))}
          />
        </FilterField>
        <FilterField xs={12} md={6} lg={4} label={t('asOf')} htmlFor="f-asof">
          <DatePicker
            id="f-asof"
            format={DATE_FORMAT}
            value={d('asOf')}
            onChange={(v) => update({ asOf: v ? v.format('YYYY-MM-DD') : undefined })}
            style={{ width: '100%' }}
          />
        </FilterField>
        <FilterField xs={12} md={6} lg={4} label={t('against')} htmlFor="f-against">
          <AgainstSelect id="f-against" value={query.against} onChange={(v) => update({ against: v })} />
        </FilterField>
        <FilterField xs={24} md={12} lg={8} label={t('agency')} htmlFor="f-agency">
          <Select
            id="f-agency"
            mode="multiple"
            allowClear
            {...pickerProps}
            value={csv(query.agencyId ?? null)}
            onChange={(v: string[]) => update({ agencyId: v.join(',') })}
            options={agencyOptions}
          />
        </FilterField>
        <FilterField xs={24} md={12} lg={4} label={t('agencyRole')} htmlFor="f-role">
          <Select
            id="f-role"
            value={query.agencyRole ?? 'any'}
            onChange={(v: string) => update({ agencyRole: v === 'any' ? undefined : v })}
            options={[
              { value: 'any', label: t('roleAny') },
              { value: 'lead', label: t('roleLead') },
              { value: 'coordinating', label: t('roleCoordinating') },
            ]}
          />
        </FilterField>
        <FilterField xs={24} md={12} lg={6} label={t('leader')} htmlFor="f-leader">
          <Select
            id="f-leader"
            mode="multiple"
            allowClear
            {...pickerProps}
            value={csv(query.leaderId ?? null)}
            onChange={(v: string[]) => update({ leaderId: v.join(',') })}
            options={leaderOptions}
          />
        </FilterField>
        <FilterField xs={24} md={12} lg={6} label={t('field')} htmlFor="f-field">
          <Select
            id="f-field"
            mode="multiple"
            allowClear
            {...pickerProps}
            value={csv(query.fieldId ?? null)}
            onChange={(v: string[]) => update({ fieldId: v.join(',') })}
            options={fieldOptions}
          />
        </FilterField>
        {specialistOptions.length ? (
          <FilterField xs={24} md={12} lg={6} label={t('specialist')} htmlFor="f-spec">
            <Select
              id="f-spec"
              mode="multiple"
              allowClear
              {...pickerProps}
              value={csv(query.specialistId ?? null)}
              onChange={(v: string[]) => update({ specialistId: v.join(',') })}
              options={specialistOptions}
            />
          </FilterField>
        ) : null}
        <FilterField xs={24} md={12} lg={6} label={t('deadlineKind')} htmlFor="f-dk">
          <Select
            id="f-dk"
            mode="multiple"
            allowClear
            value={csv(query.deadlineKind ?? null)}
            onChange={(v: string[]) => update({ deadlineKind: v.join(',') })}
            options={codesOf('deadlineKind').map((c) => ({ value: c, label: label('deadlineKind', c) }))}
          />
        </FilterField>
        <FilterField xs={24} md={12} lg={8} label={`${t('dueFrom')} – ${t('dueTo').toLowerCase()}`} htmlFor="f-due">
          <DatePicker.RangePicker
            id="f-due"
            format={DATE_FORMAT}
            allowEmpty={[true, true]}
            value={[d('dueFrom'), d('dueTo')]}
            onChange={(v) =>
              update({
                dueFrom: v?.[0] ? v[0].format('YYYY-MM-DD') : undefined,
                dueTo: v?.[1] ? v[1].format('YYYY-MM-DD') : undefined,
              })
            }
            style={{ width: '100%' }}
          />
        </FilterField>
        <FilterField xs={24} md={12} lg={8} label={t('sort')} htmlFor="f-sort">
          <Select
            id="f-sort"
            value={query.sort ?? 'due'}
            onChange={(v: string) => update({ sort: v === 'due' ? undefined : v })}
            options={[
              { value: 'due', label: t('sortDue') },
              { value: '-due', label: t('sortDueDesc') },
              { value: '-created', label: t('sortCreated') },
              { value: '-updated', label: t('sortUpdated') },
            ]}
          />
        </FilterField>
        <Col xs={24} lg={24}>
          <Space wrap style={{ marginBottom: 12 }}>
            <Checkbox
              checked={query.starred === 'true'}
              onChange={(e) => update({ starred: e.target.checked ? 'true' : undefined })}
            >
              {t('onlyStarred')}
            </Checkbox>
            <Checkbox
              checked={query.notUpdated === 'true'}
              onChange={(e) => update({ notUpdated: e.target.checked ? 'true' : undefined })}
            >
              {t('onlyNotUpdated')}
            </Checkbox>
            <Checkbox
              checked={query.pendingExtension === 'true'}
              onChange={(e) => update({ pendingExtension: e.target.checked ? 'true' : undefined })}
            >
              {t('pendingExtensions')}
            </Checkbox>
            <Checkbox
              checked={query.returned === 'true'}
              onChange={(e) => update({ returned: e.target.checked ? 'true' : undefined })}
            >
              {t('returnedReports')}
            </Checkbox>
          </Space>
        </Col>
      </Row>
    </div>
  );

  return (
    <Page
      title={t('tasks')}
      extra={
        <>
          {office ? (
            <Button type="primary" onClick={() => navigate('/documents/new')}>
              {t('registerDocument')}
            </Button>
          ) : null}
        </>
      }
    >
      <Space wrap style={{ marginBottom: 12, width: '100%' }}>
        <Input.Search
          key={query.q ?? ''}
          defaultValue={query.q}
          placeholder={t('searchTasks')}
          aria-label={t('searchTasks')}
          allowClear
          enterButton={t('search')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: phone ? '100%' : 460 }}
        />
        <Button icon={<FilterOutlined />} onClick={() => setShowFilters((s) => !s)} aria-expanded={showFilters}>
          {t('filters')}
          {activeFilters ? ` (${activeFilters})` : ''}
        </Button>
        {activeFilters ? <Button onClick={() => setParams(new URLSearchParams())}>{t('reset')}</Button> : null}
        <SavedViews
          kind="tasks"
          current={() => ({ query, columns })}
          onApply={(v) => {
            setParams(new URLSearchParams(v.query));
            if (v.columns.length) setColumns(v.columns);
          }}
        />
        <TaskExportButton query={query} total={list.data?.total} />
        {!phone ? (
          <Popover
            trigger="click"
            title={t('columns')}
            content={
              <Checkbox.Group
                value={columns}
                onChange={(v) => setColumns(v.length ? (v as string[]) : DEFAULT_COLUMNS)}
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                options={ALL_COLUMNS.map((c) => ({ value: c.key, label: t(c.label) }))}
              />
            }
          >
            <Button icon={<SettingOutlined />}>{t('columns')}</Button>
          </Popover>
        ) : null}
      </Space>
      {showFilters ? filters : null}
      <ActiveFilters
        query={query}
        keys={Object.keys(query).filter((k) => k !== 'q' && k !== 'sort' && (!showFilters || !PANEL_KEYS.has(k)))}
        refData={ref.data}
        onClear={(k) => update({ [k]: undefined })}
      />
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <div className="muted" aria-live="polite" style={{ marginBottom: 6 }}>
        {data ? t('totalN', { n: data.total.toLocaleString('vi-VN') }) : t('loading')}
        {data ? ` · ${t('asOfDate', { d: fmtDate(data.asOf) })}` : ''}
      </div>
      <Legend />
      {office && selected.length ? (
        <div className="bulk-bar">
          <span>{t('selectedN', { n: selected.length })}</span>
          <Button onClick={() => setBulk('assign')}>{t('bulkAssign')}</Button>
          <Button onClick={() => setBulk('urge')}>{t('bulkUrge')}</Button>
        </div>
      ) : null}
      {phone ? (
        <div>
          {list.isFetching && !data ? (
            <div style={{ padding: 24 }}>{t('loading')}</div>
          ) : (
            <TaskCards items={data?.items ?? []} empty={activeFilters ? t('noTasks') : t('noTasksYet')} />
          )}
        </div>
      ) : (
        <Table<TaskSummary>
          className="task-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={shown}
          dataSource={data?.items ?? []}
          pagination={false}
          tableLayout="fixed"
          scroll={scrollX ? { x: scrollX } : undefined}
          rowClassName={(r) => (r.timeliness ? `t-${r.timeliness}` : '')}
          rowSelection={
            office
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as number[]),
                  preserveSelectedRowKeys: false,
                  // The checkbox's name (antd's props type leaves out the aria attributes it passes on to the input).
                  getCheckboxProps: (r: TaskSummary) =>
                    ({ 'aria-label': t('selectTaskRow', { c: r.code }) }) as { disabled?: boolean },
                }
              : undefined
          }
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={activeFilters ? t('noTasks') : t('noTasksYet')}
              />
            ),
          }}
        />
      )}
      {data && data.total > 0 ? (
        <Pagination
          style={{ marginTop: 12, textAlign: 'right' }}
          current={page}
          pageSize={pageSize}
          total={data.total}
          showSizeChanger
          pageSizeOptions={[20, 50, 100, 200]}
          size={phone ? 'small' : 'default'}
          onChange={(p, s) =>
            update({ page: p === 1 ? undefined : String(p), pageSize: s === 20 ? undefined : String(s) })
          }
        />
      ) : null}
      <Modal
        open={bulk !== null}
        title={bulk === 'assign' ? t('bulkAssign') : t('bulkUrge')}
        okText={t('confirm')}
        cancelText={t('cancel')}
        confirmLoading={bulkBusy}
        onOk={() => void runBulk()}
        onCancel={() => setBulk(null)}
        destroyOnHidden
      >
        <p>{t('selectedN', { n: selected.length })}</p>
        <Form
          form={bulkForm}
          layout="vertical"
          preserve={false}
          initialValues={bulk === 'urge' ? { message: t('urgeDefault') } : {}}
        >
          {bulk === 'assign' ? (
            <Form.Item
              name="specialistId"
              label={t('specialist')}
              rules={[{ required: true, message: t('required', { f: t('specialist').toLowerCase() }) }]}
            >
              <Select options={(ref.data?.specialists ?? []).map((u) => ({ value: u.id, label: u.fullName }))} />
            </Form.Item>
          ) : (
            <Form.Item
              name="message"
              label={t('urgeMessage')}
              rules={[{ required: true, message: t('required', { f: t('urgeMessage').toLowerCase() }) }]}
            >
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Page>
  );
}
