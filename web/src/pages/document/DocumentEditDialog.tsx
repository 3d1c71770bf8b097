/** Correcting a registered document: number, type, date, signer, abstract, urgency (with the version check). */
import { App, Checkbox, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { api, type Doc } from '../../api';
import { FormDialog, useRequired } from '../../components/FormDialog';
import { sendConfirmingDocument, useDuplicateQuestion, usePastDeadlineQuestion } from '../../components/TaskFields';
import { DATE_FORMAT } from '../../format';
import { useRefData } from '../../hooks';
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
  onClose,
  onSaved,
}: {
  doc: Doc;
  onClose: () => void;
  /** The document as the server now has it; null: it had changed meanwhile, read it again. */
  onSaved: (doc: Doc | null) => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const ref = useRefData();
  const required = useRequired();
  const askPast = usePastDeadlineQuestion();
  const askDuplicate = useDuplicateQuestion();

  const save = async (v: Values) => {
    const saved = await sendConfirmingDocument(
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
    onSaved(saved);
  };

  return (
    <FormDialog<Values>
      title={t('editDocument')}
      okText={t('save')}
      onClose={onClose}
      onSubmit={save}
      onStale={() => {
        message.warning(t('conflictReload'));
        onSaved(null);
      }}
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
      <Form.Item name="numberText" label={t('docNumber')} rules={required(t('docNumber'))}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="docType" label={t('docType')}>
        <Select options={codesOf('docType').map((c) => ({ value: c, label: label('docType', c) }))} />
      </Form.Item>
      <Form.Item name="issuedOn" label={t('issuedOn')} rules={[{ required: true, message: t('issuedOn') }]}>
        <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="abstract" label={t('abstract')} rules={required(t('abstract'))}>
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
    </FormDialog>
  );
}
