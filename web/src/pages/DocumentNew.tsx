/** Register a directive document and enter its tasks in one form (one request: all or nothing). */
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type Doc } from '../api';
import {
  noEnterSubmit,
  sendConfirmingDocument,
  TaskListFields,
  toNewTask,
  useDuplicateQuestion,
  usePastDeadlineQuestion,
  type TaskFormValue,
} from '../components/TaskFields';
import { DATE_FORMAT } from '../format';
import { applyServerErrors, FormError, Page, useRefData } from '../hooks';
import { keys, tasksChanged } from '../queries';
import { useQueryClient } from '@tanstack/react-query';
import { codesOf, useI18n } from '../i18n';

interface Values {
  numberText: string;
  docType?: string;
  issuedOn: dayjs.Dayjs;
  signerId?: number;
  abstract: string;
  urgency: string;
  secret: boolean;
  tasks: TaskFormValue[];
}

export default function DocumentNew() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const askPastDeadline = usePastDeadlineQuestion();
  const askDuplicate = useDuplicateQuestion();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const ref = useRefData();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState(false);
  const draftRef = useRef(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        numberText: v.numberText,
        docType: v.docType || undefined,
        issuedOn: v.issuedOn.format('YYYY-MM-DD'),
        signerId: v.signerId ?? null,
        abstract: v.abstract,
        urgency: v.urgency,
        secret: v.secret,
        tasks: (v.tasks ?? []).map((x) => toNewTask(x, !draftRef.current)),
      };
      // A deadline already past, or a number already registered this year, is recorded only once confirmed.
      const doc = await sendConfirmingDocument(
        (confirm) => api.post<Doc>('/documents', { ...body, ...confirm }),
        askPastDeadline,
        askDuplicate,
      );
      message.success(t('documentRegistered', { n: doc.numberText }));
      void tasksChanged(qc);
      qc.setQueryData(keys.documents.detail(doc.id), doc);
      navigate(`/documents/${doc.id}`);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('registerDocument')}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onKeyDown={noEnterSubmit}
        initialValues={{ issuedOn: dayjs(), urgency: 'normal', secret: false, tasks: [{ deadlineKind: 'fixed' }] }}
        scrollToFirstError
      >
        <FormError message={error} />
        <Card title={<h2 className="card-title">{t('document')}</h2>} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item
                name="numberText"
                label={t('docNumber')}
                extra={t('docNumberHelp')}
                rules={[{ required: true, message: t('required', { f: t('docNumber').toLowerCase() }) }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="docType" label={t('docType')}>
                <Select
                  allowClear
                  placeholder={t('docTypeAuto')}
                  options={codesOf('docType').map((c) => ({ value: c, label: label('docType', c) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="issuedOn"
                label={t('issuedOn')}
                rules={[{ required: true, message: t('required', { f: t('issuedOn').toLowerCase() }) }]}
              >
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="abstract"
                label={t('abstract')}
                rules={[{ required: true, message: t('required', { f: t('abstract').toLowerCase() }) }]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="signerId" label={t('signer')}>
                <Select
                  allowClear
                  options={(ref.data?.leaders ?? []).map((l) => ({
                    value: l.id,
                    label: `${l.fullName} — ${l.position}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="urgency" label={t('urgency')}>
                <Select options={codesOf('urgency').map((c) => ({ value: c, label: label('urgency', c) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="secret" valuePropName="checked" label=" ">
                <Checkbox>{t('secret')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={<h2 className="card-title">{t('tasksInDocument')}</h2>} size="small" style={{ marginBottom: 16 }}>
          <TaskListFields refData={ref.data} />
        </Card>
        <Space wrap>
          <Button
            type="primary"
            htmlType="submit"
            loading={busy && !draft}
            onClick={() => ((draftRef.current = false), setDraft(false))}
            size="large"
          >
            {t('registerAndAssign')}
          </Button>
          <Button
            htmlType="submit"
            loading={busy && draft}
            onClick={() => ((draftRef.current = true), setDraft(true))}
            size="large"
          >
            {t('saveAsDraft')}
          </Button>
          <Button onClick={() => navigate(-1)} size="large">
            {t('cancel')}
          </Button>
        </Space>
      </Form>
    </Page>
  );
}
