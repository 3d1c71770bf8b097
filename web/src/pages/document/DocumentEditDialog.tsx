/** Correcting a registered document: number, type, date, signer, abstract, urgency (with the version check). */
import { App, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, isStaleVersion, type Doc } from '../../api';
import {
  noEnterSubmit,
  sendConfirmingDocument,
  useDuplicateQuestion,
  usePastDeadlineQuestion,
} from '../../components/TaskFields';
import { DATE_FORMAT } from '../../format';
import { applyServerErrors, FormError, useRefData } from '../../hooks';
import { codesOf, useI18n } from '../../i18n';
import { pickerProps } from '../../pickers';

interface Values {
  numberText: string;
  docType: string;
  issuedOn: dayjs.Dayjs;
  signerId?: number | null;
  abstract: string;
  urgency: string;
  secret: boolean;
}

export function DocumentEditDialog({
  doc,
  open,
  onClose,
  onSaved,
}: {
  doc: Doc;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const ref = useRefData();
  const askPast = usePastDeadlineQuestion();
  const askDuplicate = useDuplicateQuestion();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await sendConfirmingDocument(
        ({ confirmDuplicate }) =>
          api.patch<Doc>(`/documents/${doc.id}`, {
            version: doc.version,
            numberText: v.numberText,
            docType: v.docType,
            issuedOn: v.issuedOn.format('YYYY-MM-DD'),
            signerId: v.signerId ?? null,
            abstract: v.abstract,
            urgency: v.urgency,
            secret: v.secret,
            confirmDuplicate,
          }),
        askPast,
        askDuplicate,
      );
      message.success(t('saved'));
      onSaved();
    } catch (e) {
      if (isStaleVersion(e)) {
        message.warning(t('conflictReload'));
        onSaved();
        return;
      }
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('editDocument')}
      okText={t('save')}
      cancelText={t('cancel')}
      onOk={() => void save()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        onKeyDown={noEnterSubmit}
        initialValues={{
          numberText: doc.numberText,
          docType: doc.docType,
          issuedOn: dayjs(doc.issuedOn),
          signerId: doc.signer?.id ?? null,
          abstract: doc.abstract,
          urgency: doc.urgency,
          secret: doc.secret,
        }}
      >
        <FormError message={error} />
        <Form.Item
          name="numberText"
          label={t('docNumber')}
          rules={[{ required: true, message: t('required', { f: t('docNumber').toLowerCase() }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="docType" label={t('docType')}>
          <Select options={codesOf('docType').map((c) => ({ value: c, label: label('docType', c) }))} />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('issuedOn')} rules={[{ required: true, message: t('issuedOn') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="abstract"
          label={t('abstract')}
          rules={[{ required: true, message: t('required', { f: t('abstract').toLowerCase() }) }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="signerId" label={t('signer')}>
          <Select
            allowClear
            {...pickerProps}
            options={(ref.data?.leaders ?? []).map((l) => ({ value: l.id, label: `${l.fullName} — ${l.position}` }))}
          />
        </Form.Item>
        <Form.Item name="urgency" label={t('urgency')}>
          <Select options={codesOf('urgency').map((c) => ({ value: c, label: label('urgency', c) }))} />
        </Form.Item>
        <Form.Item name="secret" valuePropName="checked">
          <Checkbox>{t('secret')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
