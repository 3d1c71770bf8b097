/**
 * The reads of documents: one document and the filtered, paginated list, each within the policy's
 * document scope, with the number of tasks (and open tasks) the user may see in it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../db/client.js';
import type { Actor } from '../../domain/actor.js';
import { foldVietnamese } from '../../domain/text.js';
import { OPEN_STATUSES } from '../../domain/workflow.js';
import { notFound } from '../../errors.js';
import { documentScope, taskScope } from '../../policies/index.js';
import { codes } from '../../services/asof.js';
import type { DocRow } from './presenter.js';
import type { DocumentListQuery } from './schemas.js';

/** How messages name a document. */
export const DOC = { vi: 'văn bản', en: 'Document' };

const select = (actorScope: SQL) => sql`
    select documents.*, l.full_name as signer_name, l.position as signer_position,
      (select count(*)::int from tasks where tasks.document_id = documents.id and ${actorScope}) as task_count,
      (select count(*)::int from tasks where tasks.document_id = documents.id and tasks.status in ${codes(OPEN_STATUSES)} and ${actorScope}) as open_task_count,
      (select count(*)::int from tasks where tasks.document_id = documents.id and tasks.status not in ('draft', 'cancelled')) as assigned_task_count
    from documents left join leaders l on l.id = documents.signer_id`;

/** One document the actor may see (404 otherwise). */
export async function documentById(ex: Executor, actor: Actor, id: number): Promise<DocRow> {
  const [row] = await rows<DocRow>(
    ex,
    sql`${select(taskScope(actor))} where documents.id = ${id} and ${documentScope(actor)}`,
  );
  if (!row) throw notFound(DOC);
  return row;
}

export async function listDocuments(
  ex: Executor,
  actor: Actor,
  q: DocumentListQuery,
): Promise<{ rows: DocRow[]; total: number }> {
  const conds = [documentScope(actor)];
  if (q.q) {
    // Every word in the number and abstract (with or without diacritics), or the code of one of its tasks.
    const words = foldVietnamese(q.q)
      .split(' ')
      .filter(Boolean)
      .slice(0, 8)
      .map((w) => sql`documents.search_folded like ${`%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
    const code = sql`exists (select 1 from tasks where tasks.document_id = documents.id and tasks.code = ${q.q.trim().toUpperCase()} and ${taskScope(actor)})`;
    conds.push(words.length ? sql`((${sql.join(words, sql` and `)}) or ${code})` : code);
  }
  if (q.docType) conds.push(sql`documents.doc_type = ${q.docType}`);
  if (q.signerId) conds.push(sql`documents.signer_id in ${q.signerId}`);
  if (q.issuedFrom) conds.push(sql`documents.issued_on >= ${q.issuedFrom}::date`);
  if (q.issuedTo) conds.push(sql`documents.issued_on <= ${q.issuedTo}::date`);
  const where = sql.join(conds, sql` and `);
  const list = await rows<DocRow>(
    ex,
    sql`${select(taskScope(actor))} where ${where} order by documents.issued_on desc, documents.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const [count] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from documents where ${where}`);
  return { rows: list, total: Number(count?.n ?? 0) };
}
