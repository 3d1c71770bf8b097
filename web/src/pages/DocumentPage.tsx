/** One directive document: its details, its tasks and its files; the Office adds tasks to it here. */
import { App, Button, Card, Form, Modal, Space, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isStaleVersion, type TaskSummary } from '../api';
import { FileList, UploadButton } from '../components/Files';
import {
  noEnterSubmit,
  sendConfirmingPastDeadline,
  TaskListFields,
  toNewTask,
  usePastDeadlineQuestion,
  type TaskFormValue,
} from '../components/TaskFields';
import { DeadlineText, Legend, StatusTag, TimelinessTag } from '../components/TaskBits';
import { fmtDate } from '../format';
import { applyServerErrors, FormError, loadingOrError, Page, useRefData } from '../hooks';
import { invalidate, keys, queries, tasksChanged } from '../queries';
import { useI18n } from '../i18n';
import { DocumentEditDialog } from './document/DocumentEditDialog';
import { TaskCards, useIsPhone } from '../components/TaskCards';

export default function DocumentPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [editing, setEditing] = useState(false);
  const askPastDeadline = usePastDeadlineQuestion();
  const ref = useRefData();
  const qc = useQueryClient();
  const docId = Number(id);
  const docQuery = useQuery(queries.document(docId));
  const tasksQuery = useQuery({
    ...queries.tasks({ documentId: docId, sort: 'code', pageSize: 200 }),
    placeholderData: undefined,
  });
  const secret = docQuery.data?.secret;
  const filesQuery = useQuery({ ...queries.documentFiles(docId), enabled: secret === false });
  const reloadDoc = () => invalidate(qc, keys.documents.detail(docId), keys.documents.files(docId));
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ tasks: TaskFormValue[] }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const wait = loadingOrError(docQuery, tasksQuery, ...(secret === false ? [filesQuery] : []));
  if (wait) return wait;
  const doc = docQuery.data!;
  const tasks = tasksQuery.data!;
  const files = filesQuery.data ?? [];

  const addTasks = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const tasks = v.tasks.map((x) => toNewTask(x, true));
      await sendConfirmingPastDeadline(
        (confirmPastDeadline) => api.post('/tasks', { documentId: doc.id, tasks, confirmPastDeadline }),
        askPastDeadline,
      );
      setAdding(false);
      message.success(t('saved'));
      void tasksChanged(qc);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title={`${label('docType', doc.docType)} ${doc.numberText}`}
      extra={
        <Space wrap>
          {doc.actions.includes('add_tasks') ? (
            <Button type="primary" onClick={() => (form.resetFields(), setError(null), setAdding(true))}>
              {t('addTasksToDocument')}
            </Button>
          ) : null}
          {doc.actions.includes('update') ? (
            <Button onClick={() => setEditing(true)}>{t('editDocument')}</Button>
          ) : null}
          {doc.actions.includes('delete') ? (
            <Button
              danger
              onClick={() =>
                modal.confirm({
                  title: t('deleteDocument'),
                  content: t('confirmDeleteDocument', { n: doc.numberText }),
                  okText: t('delete'),
                  okButtonProps: { danger: true },
                  cancelText: t('cancel'),
                  onOk: async () => {
                    try {
                      await api.del(`/documents/${doc.id}?version=${doc.version}`);
                      message.success(t('documentDeleted'));
                      // Its draft tasks were cancelled with it.
                      void tasksChanged(qc);
                      navigate('/documents');
                    } catch (e) {
                      if (isStaleVersion(e)) {
                        message.warning(t('conflictReload'));
                        void reloadDoc();
                      } else message.error(e instanceof Error ? e.message : String(e));
                    }
                  },
                })
              }
            >
              {t('deleteDocument')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <dl className="kv">
          <dt>{t('docNumber')}</dt>
          <dd>{doc.numberText}</dd>
          <dt>{t('docType')}</dt>
          <dd>{label('docType', doc.docType)}</dd>
          <dt>{t('issuedOn')}</dt>
          <dd>{fmtDate(doc.issuedOn)}</dd>
          <dt>{t('signer')}</dt>
          <dd>{doc.signer ? `${doc.signer.name} — ${doc.signer.position}` : '—'}</dd>
          <dt>{t('abstract')}</dt>
          <dd className="pre">{doc.abstract}</dd>
          <dt>{t('urgency')}</dt>
          <dd>{label('urgency', doc.urgency)}</dd>
          <dt>{t('files')}</dt>
          <dd>
            {doc.secret ? (
              <span className="muted">{t('secretNoFiles')}</span>
            ) : (
              <Space direction="vertical">
                <FileList files={files} />
                {doc.actions.includes('attach_file') ? (
                  <UploadButton targetType="document" targetId={doc.id} onDone={() => void reloadDoc()} />
                ) : null}
              </Space>
            )}
          </dd>
        </dl>
      </Card>
      <Card size="small" title={<h2 className="card-title">{`${t('tasksInDocument')} (${tasks.total})`}</h2>}>
        <Legend />
        {phone ? (
          <TaskCards items={tasks.items} />
        ) : (
          <Table<TaskSummary>
            className="task-table"
            rowKey="id"
            dataSource={tasks.items}
            pagination={false}
            tableLayout="fixed"
            size="middle"
            rowClassName={(r) => (r.timeliness ? `t-${r.timeliness}` : '')}
            columns={[
              { title: t('code'), key: 'c', width: 140, render: (_, r) => <Link to={`/tasks/${r.id}`}>{r.code}</Link> },
              {
                title: t('content'),
                key: 'x',
                render: (_, r) => (
                  <div className="cell-content clamp-2" title={r.content}>
                    <Link to={`/tasks/${r.id}`}>{r.content}</Link>
                  </div>
                ),
              },
              { title: t('leadAgency'), key: 'a', width: 180, render: (_, r) => r.leadAgency?.name },
              { title: t('deadline'), key: 'd', width: 110, render: (_, r) => <DeadlineText task={r} /> },
              { title: t('status'), key: 's', width: 140, render: (_, r) => <StatusTag value={r.status} /> },
              {
                title: t('timeliness'),
                key: 'tl',
                width: 170,
                render: (_, r) => <TimelinessTag value={r.timeliness} overdueDays={r.overdueDays} />,
              },
            ]}
          />
        )}
      </Card>
      {editing ? (
        <DocumentEditDialog
          doc={doc}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            // Its number and abstract show on its tasks and in the lists.
            void tasksChanged(qc);
            if (saved) qc.setQueryData(keys.documents.detail(docId), saved);
            else void reloadDoc();
          }}
        />
      ) : null}
      <Modal
        open={adding}
        title={t('addTasksToDocument')}
        width={900}
        okText={t('save')}
        cancelText={t('cancel')}
        onOk={() => void addTasks()}
        confirmLoading={busy}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onKeyDown={noEnterSubmit}
          initialValues={{ tasks: [{ deadlineKind: 'fixed' }] }}
        >
          <FormError message={error} />
          <TaskListFields refData={ref.data} />
        </Form>
      </Modal>
    </Page>
  );
}
