/** The frame around every page: menu (a drawer on phones), notification bell, language switch, user menu. */
import {
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  FileTextOutlined,
  HomeOutlined,
  MenuOutlined,
  SettingOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Button, Drawer, Dropdown, Empty, Grid, Layout, List, Menu, Popover, Spin, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, type Notification, type NotificationList } from './api';
import { fmtDateTime } from './format';
import { useMe, useSession } from './hooks';
import { useI18n } from './i18n';
import { keys, queries } from './queries';

function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  // The count is polled (queries.ts); the list is read when the panel opens.
  const unread = useQuery(queries.unreadCount()).data ?? 0;
  const list = useQuery({ ...queries.notifications(20), enabled: open, staleTime: 0 });
  const items = open && !list.isFetching ? (list.data?.items ?? (list.error ? [] : null)) : null;
  const setUnread = (n: number) => qc.setQueryData(keys.notifications.unread(), n);
  // Other lists of notifications (the agency's home) are read again; this panel's was updated here.
  const othersStale = () =>
    qc.invalidateQueries({
      queryKey: keys.notifications.all(),
      predicate: (q) => q.queryKey[1] === 'list' && q.queryKey[2] !== 20,
    });
  useEffect(() => {
    if (list.data) qc.setQueryData(keys.notifications.unread(), list.data.unread);
  }, [list.data, qc]);
  const markAll = async () => {
    await api.post('/notifications/read', { all: true });
    setUnread(0);
    qc.setQueryData(keys.notifications.list(20), (l: NotificationList | undefined) =>
      l ? { ...l, unread: 0, items: l.items.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })) } : l,
    );
    void othersStale();
  };
  const openOne = async (n: Notification) => {
    if (!n.readAt) {
      await api.post('/notifications/read', { ids: [n.id] }).catch(() => undefined);
      setUnread(Math.max(0, unread - 1));
      qc.setQueryData(keys.notifications.list(20), (l: NotificationList | undefined) =>
        l ? { ...l, items: l.items.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)) } : l,
      );
      void othersStale();
    }
    setOpen(false);
    if (n.taskId) navigate(`/tasks/${n.taskId}`);
  };
  const content = (
    <div className="bell-panel">
      <div className="bell-head">
        <strong>{t('notifications')}</strong>
        <Button size="small" type="link" onClick={markAll} disabled={unread === 0}>
          {t('markAllRead')}
        </Button>
      </div>
      {items === null ? (
        <div style={{ padding: 24, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noNotifications')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item className={n.readAt ? 'bell-item' : 'bell-item unread'}>
              {/* A button inside the list item: the list keeps its items, each opens with Enter or Space. */}
              <button type="button" className="bell-open" onClick={() => void openOne(n)}>
                <span className="bell-title">{n.title}</span>
                {n.body ? <span className="bell-body">{n.body}</span> : null}
                <span className="bell-time">{fmtDateTime(n.createdAt)}</span>
              </button>
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button
        type="text"
        className="header-btn"
        aria-label={`${t('notifications')}: ${t('unreadCount', { n: unread })}`}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 20, color: '#fff' }} />
          </Badge>
        }
      />
    </Popover>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const me = useMe();
  const session = useSession();
  const { t, label, lang, setLang } = useI18n();
  const screens = Grid.useBreakpoint();
  const phone = !screens.lg;
  const [drawer, setDrawer] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  const items = [
    { key: '/', icon: <HomeOutlined />, label: <Link to="/">{t('navHome')}</Link> },
    ...(me.role !== 'admin'
      ? [
          { key: '/documents', icon: <FileTextOutlined />, label: <Link to="/documents">{t('navDocuments')}</Link> },
          { key: '/tasks', icon: <UnorderedListOutlined />, label: <Link to="/tasks">{t('navTasks')}</Link> },
          { key: '/calendar', icon: <CalendarOutlined />, label: <Link to="/calendar">{t('navCalendar')}</Link> },
          { key: '/reports', icon: <BarChartOutlined />, label: <Link to="/reports">{t('navReports')}</Link> },
        ]
      : []),
    ...(me.role === 'admin'
      ? [
          {
            key: 'admin',
            icon: <SettingOutlined />,
            label: t('navAdmin'),
            children: [
              { key: '/admin/agencies', label: <Link to="/admin/agencies">{t('navAgencies')}</Link> },
              { key: '/admin/users', label: <Link to="/admin/users">{t('navUsers')}</Link> },
              { key: '/admin/fields', label: <Link to="/admin/fields">{t('navFields')}</Link> },
              { key: '/admin/calendar', label: <Link to="/admin/calendar">{t('navWorkCalendar')}</Link> },
              { key: '/admin/settings', label: <Link to="/admin/settings">{t('navSettings')}</Link> },
            ],
          },
        ]
      : []),
  ];
  const path = location.pathname;
  const selected =
    path === '/'
      ? '/'
      : ([
          '/admin/agencies',
          '/admin/users',
          '/admin/fields',
          '/admin/calendar',
          '/admin/settings',
          '/documents',
          '/tasks',
          '/calendar',
          '/reports',
        ].find((k) => path.startsWith(k)) ?? '');
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={['admin']}
      items={items}
      onClick={() => setDrawer(false)}
      aria-label={t('menu')}
    />
  );

  return (
    <Layout className="shell">
      <Layout.Header className="header">
        {phone ? (
          <Button
            type="text"
            className="header-btn"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            aria-label={t('menu')}
            onClick={() => setDrawer(true)}
          />
        ) : null}
        <Link to="/" className="brand">
          <span className="brand-star" aria-hidden="true">
            ★
          </span>
          {t('appName')}
          {!phone ? <span className="brand-sub">{t('appTagline')}</span> : null}
        </Link>
        <div className="header-right">
          <Button
            type="text"
            className="header-btn lang-btn"
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
            aria-label={`${lang === 'vi' ? 'EN' : 'VI'} — ${t('language')}`}
            lang={lang === 'vi' ? 'en' : 'vi'}
          >
            {lang === 'vi' ? 'EN' : 'VI'}
          </Button>
          <NotificationBell />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'who',
                  disabled: true,
                  label: (
                    <div className="who">
                      <div>
                        <strong>{me.fullName}</strong>
                      </div>
                      <div>{label('role', me.role)}</div>
                      <div>{me.agencyName}</div>
                    </div>
                  ),
                },
                { type: 'divider' },
                { key: 'profile', label: t('profile') },
                { key: 'out', label: t('signOut') },
              ],
              onClick: ({ key }) => {
                if (key === 'profile') navigate('/profile');
                if (key === 'out') void session?.signOut().then(() => navigate('/'));
              },
            }}
          >
            <Button type="text" className="header-btn user-btn" icon={<UserOutlined style={{ color: '#fff' }} />}>
              {!phone ? <span className="user-name">{me.fullName}</span> : null}
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout>
        {!phone ? (
          <Layout.Sider width={232} theme="light" className="sider">
            {menu}
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            open={drawer}
            onClose={() => setDrawer(false)}
            width={280}
            title={t('appName')}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
            <div style={{ padding: 16, color: '#555' }}>
              <Typography.Text strong>{me.fullName}</Typography.Text>
              <div>{label('role', me.role)}</div>
            </div>
          </Drawer>
        )}
        <Layout.Content className="content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
