/** Users and their roles: add, edit, deactivate, unlock, reset a password. */
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type User } from '../../api';
import { fmtDateTime } from '../../format';
import { applyServerErrors, FormError, LoadError, Page } from '../../hooks';
import { invalidate, keys, queries } from '../../queries';
import { codesOf, useI18n } from '../../i18n';
import { agencyOption, byVietnameseName, pickerProps } from '../../pickers';

export default function Users() {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const qc = useQueryClient();
  const list = useQuery(queries.users({ q, role }));
  const agencies = useQuery(queries.agencies());
  // Every list of users (the specialist pickers too) is read again.
  const changed = () => invalidate(qc, keys.users().slice(0, 1));
  const [edit, setEdit] = useState<User | 'new' | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const agencyName = (id: number) => agencies.data?.find((a) => a.id === id)?.name ?? '';

  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    setError(null);
    try {
      const clean = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' ? null : x]));
      if (edit === 'new') await api.post('/users', clean);
      else if (edit) {
        const { username: _u, newPassword, ...rest } = clean;
        void _u;
        await api.patch(`/users/${edit.id}`, {
          ...rest,
          ...(newPassword ? { newPassword } : {}),
          version: edit.version,
        });
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
  const patch = async (u: User, body: Record<string, unknown>) => {
    try {
      await api.patch(`/users/${u.id}`, { ...body, version: u.version });
      message.success(t('saved'));
      void changed();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Page
      title={t('users')}
      extra={
        <Button type="primary" onClick={() => (setError(null), setEdit('new'))}>
          {t('addUser')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t('search')}
          aria-label={t('search')}
          allowClear
          onSearch={setQ}
          style={{ width: 280 }}
        />
        <Select
          allowClear
          placeholder={t('role')}
          aria-label={t('role')}
          style={{ minWidth: 220 }}
          value={role}
          onChange={setRole}
          options={codesOf('role').map((c) => ({ value: c, label: label('role', c) }))}
        />
      </Space>
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<User>
        rowKey="id"
        loading={list.isFetching}
        dataSource={[...(list.data ?? [])].sort((a, b) => byVietnameseName(a.fullName, b.fullName))}
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: t('fullName'), dataIndex: 'fullName' },
          { title: t('username'), dataIndex: 'username', width: 150 },
          { title: t('role'), key: 'r', width: 200, render: (_, u) => label('role', u.role) },
          { title: t('agency'), key: 'a', render: (_, u) => agencyName(u.agencyId) },
          {
            title: t('status'),
            key: 's',
            width: 170,
            render: (_, u) => (
              <Space wrap>
                {u.isActive ? <Tag color="green">{t('isActive')}</Tag> : <Tag>{t('ended')}</Tag>}
                {u.lockedUntil && new Date(u.lockedUntil) > new Date() ? <Tag color="red">{t('locked')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('lastLogin'), key: 'l', width: 150, render: (_, u) => fmtDateTime(u.lastLoginAt) },
          {
            title: t('actions'),
            key: 'x',
            width: 230,
            render: (_, u) => (
              <Space wrap>
                <Button size="small" onClick={() => (setError(null), setEdit(u))}>
                  {t('edit')}
                </Button>
                {u.lockedUntil ? (
                  <Button size="small" onClick={() => void patch(u, { unlock: true })}>
                    {t('unlock')}
                  </Button>
                ) : null}
                <Switch
                  size="small"
                  checked={u.isActive}
                  aria-label={t('isActive')}
                  onChange={(on) =>
                    on
                      ? void patch(u, { isActive: true })
                      : modal.confirm({
                          title: t('deactivateUser', { n: u.fullName }),
                          okText: t('confirm'),
                          okButtonProps: { danger: true },
                          cancelText: t('cancel'),
                          onOk: () => patch(u, { isActive: false }),
                        })
                  }
                />
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={edit !== null}
        title={edit === 'new' ? t('addUser') : t('edit')}
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
          initialValues={edit && edit !== 'new' ? edit : { role: 'agency_staff' }}
        >
          <FormError message={error} />
          <Form.Item
            name="username"
            label={t('username')}
            rules={[{ required: true, message: t('required', { f: t('username').toLowerCase() }) }]}
          >
            <Input disabled={edit !== 'new'} autoComplete="off" />
          </Form.Item>
          {edit === 'new' ? (
            <Form.Item
              name="password"
              label={t('password')}
              rules={[{ required: true, message: t('required', { f: t('password').toLowerCase() }) }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          ) : (
            <Form.Item name="newPassword" label={t('newPassword')} extra={t('newPasswordHelp')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Form.Item
            name="fullName"
            label={t('fullName')}
            rules={[{ required: true, message: t('required', { f: t('fullName').toLowerCase() }) }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="title" label={t('title')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="email" label={t('email')}>
            <Input type="email" />
          </Form.Item>
          <Form.Item name="phone" label={t('phone')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="role" label={t('role')}>
            <Select options={codesOf('role').map((c) => ({ value: c, label: label('role', c) }))} />
          </Form.Item>
          <Form.Item
            name="agencyId"
            label={t('agency')}
            rules={[{ required: true, message: t('required', { f: t('agency').toLowerCase() }) }]}
          >
            <Select {...pickerProps} options={(agencies.data ?? []).filter((a) => a.active).map(agencyOption)} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
