/** Directive documents: search and filters, newest first. */
import { App, Button, DatePicker, Empty, Input, Pagination, Select, Space, Table, Grid, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Doc } from '../api';
import { DATE_FORMAT, fmtDate } from '../format';
import { isOffice, LoadError, Page, useMe, useRefData } from '../hooks';
import { queries } from '../queries';
import { codesOf, useI18n } from '../i18n';

export default function Documents() {
  const me = useMe();
  const { t, label } = useI18n();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const ref = useRefData();
  App.useApp();
  const q = Object.fromEntries(params.entries());
  const page = Number(q.page ?? 1) || 1;
  const [text, setText] = useState(q.q ?? '');
  const list = useQuery(
    queries.documents({
      q: q.q,
      docType: q.docType,
      signerId: q.signerId,
      issuedFrom: q.issuedFrom,
      issuedTo: q.issuedTo,
      page,
      pageSize: 20,
    }),
  );
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const filtered = ['q', 'docType', 'signerId', 'issuedFrom', 'issuedTo'].some((k) => q[k]);
  return (
    <Page
      title={t('documents')}
      extra={
        isOffice(me) ? (
          <Button type="primary" onClick={() => navigate('/documents/new')}>
            {t('registerDocument')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }} role="search">
        <Input.Search
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          placeholder={`${t('docNumber')}, ${t('abstract').toLowerCase()}`}
          aria-label={t('search')}
          enterButton={t('search')}
          allowClear
          style={{ width: screens.md ? 360 : '100%' }}
        />
        <Select
          allowClear
          placeholder={t('docType')}
          aria-label={t('docType')}
          style={{ minWidth: 180 }}
          value={q.docType}
          onChange={(v?: string) => update({ docType: v })}
          options={codesOf('docType').map((c) => ({ value: c, label: label('docType', c) }))}
        />
        <Select
          allowClear
          placeholder={t('signer')}
          aria-label={t('signer')}
          style={{ minWidth: 180 }}
          value={q.signerId}
          onChange={(v?: string) => update({ signerId: v })}
          options={(ref.data?.leaders ?? []).map((l) => ({ value: String(l.id), label: l.fullName }))}
        />
        <DatePicker.RangePicker
          format={DATE_FORMAT}
          allowEmpty={[true, true]}
          aria-label={t('issuedFrom')}
          placeholder={[t('issuedFrom'), t('issuedTo')]}
          onChange={(v) => update({ issuedFrom: v?.[0]?.format('YYYY-MM-DD'), issuedTo: v?.[1]?.format('YYYY-MM-DD') })}
        />
        {filtered ? (
          <Button onClick={() => (setText(''), setParams(new URLSearchParams()))}>{t('reset')}</Button>
        ) : null}
      </Space>
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {screens.md === false ? (
        <>
          {(list.data?.items ?? []).length === 0 && !list.isFetching ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('noDocumentsFound') : t('noDocuments')}
            />
          ) : (
            <ul className="card-list">
              {(list.data?.items ?? []).map((d) => (
                <li key={d.id} className="item-card">
                  <div className="item-card-head">
                    <Link to={`/documents/${d.id}`}>{d.numberText}</Link>
                    <span className="muted">{fmtDate(d.issuedOn)}</span>
                  </div>
                  <div className="item-card-text clamp-3">
                    {d.urgency !== 'normal' ? <Tag color="red">{label('urgency', d.urgency)}</Tag> : null}
                    {d.abstract}
                  </div>
                  <div className="item-card-meta">
                    <span>{label('docType', d.docType)}</span>
                    <Link to={`/tasks?documentId=${d.id}`}>
                      {d.taskCount} ({t('openTaskCount').toLowerCase()}: {d.openTaskCount})
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {(list.data?.total ?? 0) > 20 ? (
            <Pagination
              style={{ marginTop: 12 }}
              size="small"
              current={page}
              pageSize={20}
              total={list.data?.total ?? 0}
              showSizeChanger={false}
              onChange={(p) => update({ page: p === 1 ? undefined : String(p) })}
            />
          ) : null}
        </>
      ) : (
        <Table<Doc>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          tableLayout="fixed"
          size="middle"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('noDocumentsFound') : t('noDocuments')}
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => update({ page: p === 1 ? undefined : String(p) }),
          }}
          columns={[
            {
              title: t('docNumber'),
              key: 'n',
              width: 150,
              render: (_, d) => <Link to={`/documents/${d.id}`}>{d.numberText}</Link>,
            },
            { title: t('issuedOn'), key: 'd', width: 110, render: (_, d) => fmtDate(d.issuedOn) },
            {
              title: t('abstract'),
              key: 'a',
              render: (_, d) => (
                <div className="cell-content clamp-2" title={d.abstract}>
                  {d.urgency !== 'normal' ? <Tag color="red">{label('urgency', d.urgency)}</Tag> : null}
                  {d.abstract}
                </div>
              ),
            },
            ...(screens.md
              ? [
                  {
                    title: t('docType'),
                    key: 't',
                    width: 150,
                    render: (_: unknown, d: Doc) => label('docType', d.docType),
                  },
                  { title: t('signer'), key: 's', width: 170, render: (_: unknown, d: Doc) => d.signer?.name ?? '—' },
                ]
              : []),
            {
              title: t('taskCount'),
              key: 'c',
              width: 110,
              render: (_, d) => (
                <Link to={`/tasks?documentId=${d.id}`}>
                  {d.taskCount} ({t('openTaskCount').toLowerCase()}: {d.openTaskCount})
                </Link>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
