/** Fields (lĩnh vực): add, rename, order, retire. */
import { App, Button, Form, Input, InputNumber, Modal, Switch, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Field } from '../../api';
import { applyServerErrors, FormError, LoadError, Page } from '../../hooks';
import { invalidate, keys, queries } from '../../queries';
import { useI18n } from '../../i18n';

export default function Fields() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery(queries.fields());
  const changed = () => invalidate(qc, keys.fields(), keys.reports.all());
  const [edit, setEdit] = useState<Field | 'new' | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { ...v, nameEn: v.nameEn || null };
      if (edit === 'new') await api.post('/fields', body);
      else if (edit) {
        const { code: _c, ...rest } = body;
        void _c;
        await api.patch(`/fields/${edit.id}`, { ...rest, version: edit.version });
      }
      setEdit(null);
      message.success(t('saved'));
      void changed();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  const toggle = async (f: Field, isActive: boolean) => {
    try {
      await api.patch(`/fields/${f.id}`, { version: f.version, isActive });
      void changed();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Page
      title={t('fields')}
      extra={
        <Button type="primary" onClick={() => (setError(null), setEdit('new'))}>
          {t('addField')}
        </Button>
      }
    >
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<Field>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        size="middle"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('agencyCode'), dataIndex: 'code', width: 100 },
          { title: t('nameVi'), dataIndex: 'name' },
          { title: t('nameEn'), key: 'en', render: (_, f) => f.nameEn ?? '—' },
          { title: t('order'), dataIndex: 'sortOrder', width: 90 },
          {
            title: t('isActive'),
            key: 'a',
            width: 110,
            render: (_, f) => (
              <Switch
                checked={f.isActive}
                aria-label={`${t('isActive')}: ${f.name}`}
                onChange={(on) => void toggle(f, on)}
              />
            ),
          },
          {
            title: t('actions'),
            key: 'x',
            width: 100,
            render: (_, f) => (
              <Button size="small" onClick={() => (setError(null), setEdit(f))}>
                {t('edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={edit !== null}
        title={edit === 'new' ? t('addField') : t('edit')}
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
          initialValues={edit && edit !== 'new' ? edit : { sortOrder: 0 }}
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
            label={t('nameVi')}
            rules={[{ required: true, message: t('required', { f: t('nameVi').toLowerCase() }) }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('nameEn')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('order')}>
            <InputNumber min={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
