/**
 * A dialog with a form that sends one thing: the fields are checked, the send runs with the OK button
 * spinning, a refusal is shown in the dialog with the server's per-field messages under their fields,
 * and Enter in a one-line field never sends. Irreversible steps can ask once more (`confirm`). When the
 * record was changed by someone else meanwhile (409 stale_version) the dialog calls `onStale` instead of
 * showing the error: the caller has said so and reloaded, and the dialog closes.
 */
import { App, Form, Modal, type FormInstance, type ModalFuncProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { isStaleVersion } from '../api';
import { applyServerErrors, FormError } from '../hooks';
import { useI18n } from '../i18n';
import { noEnterSubmit } from './TaskFields';

export interface FormDialogProps<V> {
  title: ReactNode;
  okText?: string;
  danger?: boolean;
  width?: number;
  initialValues?: Partial<V>;
  onClose: () => void;
  /** Sends the form's values; a thrown error is shown in the dialog. The caller closes it on success. */
  onSubmit: (values: V) => Promise<unknown>;
  /** A question to confirm before sending (or null: send at once). */
  confirm?: (values: V) => Omit<ModalFuncProps, 'onOk'> | null;
  /** The record had changed meanwhile (the message is the caller's): by default the dialog just closes. */
  onStale?: () => void;
  /** An existing form instance, when the caller reads or sets fields itself. */
  form?: FormInstance<V>;
  children: ReactNode;
}

export function FormDialog<V extends object>({
  title,
  okText,
  danger,
  width = 640,
  initialValues,
  onClose,
  onSubmit,
  confirm,
  onStale,
  form: given,
  children,
}: FormDialogProps<V>) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      if (isStaleVersion(e)) (onStale ?? onClose)();
      else setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  const ok = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is missing
    }
    const question = confirm?.(values);
    if (question)
      modal.confirm({ okText: t('confirm'), cancelText: t('cancel'), ...question, onOk: () => send(values) });
    else await send(values);
  };

  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('send')}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText={t('cancel')}
      onOk={() => void ok()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={width}
    >
      <Form<V>
        form={form}
        layout="vertical"
        preserve={false}
        onKeyDown={noEnterSubmit}
        initialValues={initialValues as V}
      >
        <FormError message={error} />
        {children}
      </Form>
    </Modal>
  );
}

/** The rule of a required field, with its name in the message. */
export function useRequired() {
  const { t } = useI18n();
  return (name: string) => [{ required: true, message: t('required', { f: name.toLowerCase() }) }];
}
