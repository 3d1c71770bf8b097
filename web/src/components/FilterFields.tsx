/**
 * The pieces the task list's filter panel and the report page's parameters share: a labelled field in the
 * responsive grid, the "deadline counted against" choice, the agency and leader pickers' options (matched
 * with or without diacritics, by code and short name: pickers.ts), and the comma-separated lists of the address.
 */
import { Col, Form, Select, type ColProps } from 'antd';
import type { ReactNode } from 'react';
import { useRefData } from '../hooks';
import { useI18n } from '../i18n';
import { agencyOption } from '../pickers';

/** A list parameter of the address ("3,7,12") as the values of a multiple Select. */
export const csv = (s: string | null | undefined) => (s ? s.split(',').filter(Boolean) : []);

/** One filter: its label above the control, in a grid column (xs/sm/md/lg as antd's Col). */
export function FilterField({
  label,
  htmlFor,
  children,
  ...span
}: Pick<ColProps, 'xs' | 'sm' | 'md' | 'lg'> & { label: ReactNode; htmlFor: string; children: ReactNode }) {
  return (
    <Col {...span}>
      <Form.Item label={label} htmlFor={htmlFor} layout="vertical">
        {children}
      </Form.Item>
    </Col>
  );
}

/** Timeliness counted against the deadline in force (default) or the original one. */
export function AgainstSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <Select
      id={id}
      value={value ?? 'current'}
      onChange={(v: string) => onChange(v === 'current' ? undefined : v)}
      options={[
        { value: 'current', label: t('againstCurrent') },
        { value: 'original', label: t('againstOriginal') },
      ]}
    />
  );
}

/** Agencies (ended ones marked) and leaders as picker options whose values are the address's ids. */
export function useFilterOptions() {
  const { t } = useI18n();
  const ref = useRefData();
  const agencyOptions = (ref.data?.agencies ?? []).map((a) => ({
    ...agencyOption(a),
    value: String(a.id),
    label: a.active ? a.name : `${a.name} (${t('ended').toLowerCase()})`,
  }));
  const leaderOptions = (ref.data?.leaders ?? []).map((l) => ({ value: String(l.id), label: l.fullName }));
  return { agencyOptions, leaderOptions };
}
