/**
 * Saved views (GET/POST/DELETE /api/views) as the task list and the report page show them: a picker that
 * applies one (with a delete button per entry), and a button that saves what is on screen under a name.
 * The caller says what a view holds (`current`) and what applying one does (`onApply`).
 */
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { api, type SavedView } from '../api';
import { useI18n, type TextKey } from '../i18n';
import { keys, queries } from '../queries';
import { FormDialog, useRequired } from './FormDialog';

type Kind = 'tasks' | 'report';

const TEXT: Record<Kind, { picker: TextKey; save: TextKey; name: TextKey; remove: TextKey }> = {
  tasks: { picker: 'savedViews', save: 'saveView', name: 'viewName', remove: 'deleteView' },
  report: { picker: 'savedReports', save: 'saveReport', name: 'reportName', remove: 'deleteReport' },
};

export function SavedViews({
  kind,
  current,
  onApply,
}: {
  kind: Kind;
  /** What a view saved now holds. */
  current: () => { query: Record<string, string>; columns: string[] };
  onApply: (view: SavedView) => void;
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const required = useRequired();
  const qc = useQueryClient();
  const views = useQuery(queries.views(kind));
  const [saving, setSaving] = useState(false);
  const text = TEXT[kind];
  const reload = () => qc.invalidateQueries({ queryKey: keys.views(kind) });

  const remove = (v: SavedView) =>
    modal.confirm({
      title: t(text.remove, { n: v.name }),
      okText: t('delete'),
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await api.del(`/views/${v.id}`);
        } finally {
          void reload();
        }
      },
    });

  return (
    <>
      <Select
        placeholder={t(text.picker)}
        aria-label={t(text.picker)}
        style={{ minWidth: 200 }}
        value={null}
        onChange={(id: number) => {
          const v = views.data?.find((x) => x.id === id);
          if (v) onApply(v);
        }}
        notFoundContent={<span className="muted">{t('none')}</span>}
        options={(views.data ?? []).map((v) => ({
          value: v.id,
          label: (
            <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              {v.name}
              <DeleteOutlined
                aria-label={t('delete')}
                onClick={(e) => {
                  e.stopPropagation();
                  remove(v);
                }}
              />
            </span>
          ),
        }))}
      />
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>
        {t(text.save)}
      </Button>
      {saving ? (
        <FormDialog<{ name: string }>
          title={t(text.save)}
          okText={t('save')}
          width={520}
          onClose={() => setSaving(false)}
          onSubmit={async (v) => {
            await api.post('/views', { kind, name: v.name, ...current() });
            setSaving(false);
            void reload();
            message.success(t('saved'));
          }}
        >
          <Form.Item name="name" label={t(text.name)} rules={required(t(text.name))}>
            <Input maxLength={100} autoFocus />
          </Form.Item>
        </FormDialog>
      ) : null}
    </>
  );
}
