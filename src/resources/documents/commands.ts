/**
 * Document commands: registration (with the tasks it carries) and edits; an edit of the number or the
 * abstract re-folds the search text of the document's tasks, which are found by them too.
 */
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type DOC_TYPES, documents, leaders, tasks } from '../../db/schema.js';
import { parseDocNumber, guessDocTypeFromCode } from '../../domain/docnumber.js';
import { foldVietnamese } from '../../domain/text.js';
import { badRequest, conflict, duplicateDocument, forbidden, notFound, staleVersion } from '../../errors.js';
import { documentActions } from '../../policies/index.js';
import { checkBody } from '../../services/limits.js';
import * as cmd from '../tasks/commands.js';
import { diff } from '../../services/write.js';
import type { WriteCtx } from '../../services/write.js';
import { DOC, documentById } from './queries.js';
import type { docBody, newDocumentBody } from './schemas.js';

export { DOC };

export const parseNumber = (numberText: string) => {
  const parsed = parseDocNumber(numberText);
  if (!parsed.ok)
    throw badRequest(
      parsed.reason,
      `The document number "${numberText}" is not understood: ${parsed.reason}`,
      'numberText',
    );
  return parsed.value;
};

/**
 * The same number and symbol registered again in the same year is most often the same document entered
 * twice: unless the user confirms (`confirmDuplicate`), 409 `duplicate_document` names the earlier one.
 */
async function checkDuplicate(
  w: WriteCtx,
  numberText: string,
  issuedOn: string,
  confirmed: boolean | undefined,
  exceptId?: number,
) {
  if (confirmed) return;
  const year = Number(issuedOn.slice(0, 4));
  const conds = [
    sql`lower(${documents.numberText}) = lower(${numberText})`,
    sql`extract(year from ${documents.issuedOn}) = ${year}`,
    isNull(documents.deletedAt),
  ];
  if (exceptId) conds.push(ne(documents.id, exceptId));
  const [dup] = await w.tx
    .select({ id: documents.id, issuedOn: documents.issuedOn, abstract: documents.abstract })
    .from(documents)
    .where(and(...conds))
    .limit(1);
  if (dup)
    throw duplicateDocument(
      `Văn bản số "${numberText}" năm ${year} đã được đăng ký (ban hành ngày ${dup.issuedOn.split('-').reverse().join('/')}: ${dup.abstract.slice(0, 80)}). Kiểm tra lại số, ký hiệu; nếu đúng là văn bản khác, xác nhận để đăng ký tiếp.`,
      `A document "${numberText}" of ${year} is already registered (issued ${dup.issuedOn}: ${dup.abstract.slice(0, 80)}). Check the number; if it really is another document, confirm to register it.`,
    );
}

/** Registers a document and the tasks in it; `n` is its number, parsed before the transaction. */
export async function registerDocument(
  w: WriteCtx,
  b: z.output<typeof newDocumentBody>,
  n: ReturnType<typeof parseNumber>,
): Promise<number> {
  if (b.signerId) {
    const [s] = await w.tx.select({ id: leaders.id }).from(leaders).where(eq(leaders.id, b.signerId));
    if (!s)
      throw badRequest(
        `Không có lãnh đạo mã số ${b.signerId}.`,
        `There is no leader with id ${b.signerId}.`,
        'signerId',
      );
  }
  if (b.externalId) {
    const [dup] = await w.tx
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.source, b.source), eq(documents.externalId, b.externalId)));
    if (dup)
      throw badRequest(
        `Văn bản với mã ngoài "${b.externalId}" đã được đăng ký (mã số ${dup.id}).`,
        `A document with external id "${b.externalId}" exists (id ${dup.id}).`,
        'externalId',
      );
  }
  await checkDuplicate(w, n.text, b.issuedOn, b.confirmDuplicate);
  const [doc] = await w.tx
    .insert(documents)
    .values({
      numberText: n.text,
      number: n.number,
      numberSuffix: n.suffix || null,
      numberYear: n.year,
      typeCode: n.typeCode,
      issuer: n.issuer,
      docType: b.docType ?? (guessDocTypeFromCode(n.typeCode) as (typeof DOC_TYPES)[number]),
      issuedOn: b.issuedOn,
      signerId: b.signerId ?? null,
      abstract: b.abstract,
      urgency: b.urgency,
      secret: b.secret,
      source: b.source,
      externalId: b.externalId ?? null,
      searchFolded: foldVietnamese(`${n.text} ${b.abstract}`),
      createdBy: w.actor.id,
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning();
  const d = doc!;
  await w.event({
    entityType: 'document',
    entityId: d.id,
    action: 'document.create',
    after: { numberText: d.numberText, docType: d.docType, issuedOn: d.issuedOn, abstract: d.abstract },
  });
  const ctx = {
    id: d.id,
    numberText: d.numberText,
    abstract: d.abstract,
    issuedOn: d.issuedOn,
    signerId: d.signerId,
  };
  checkBody(w, b.tasks);
  for (const [i, t] of b.tasks.entries())
    await cmd.createTask(w, t, {
      doc: ctx,
      field: `tasks.${i}`,
      confirmPastDeadline: b.confirmPastDeadline,
    });
  return d.id;
}

/** Edits a document the user saw at version `v`. */
export async function updateDocument(
  w: WriteCtx,
  id: number,
  v: number,
  b: Partial<z.output<typeof docBody>> & { confirmDuplicate?: boolean },
): Promise<void> {
  const [cur] = await w.tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), isNull(documents.deletedAt)))
    .for('update');
  if (!cur) throw notFound(DOC);
  if (cur.version !== v) throw staleVersion();
  const patch: Partial<typeof documents.$inferInsert> = {};
  if (b.numberText !== undefined) {
    const n = parseNumber(b.numberText);
    Object.assign(patch, {
      numberText: n.text,
      number: n.number,
      numberSuffix: n.suffix || null,
      numberYear: n.year,
      typeCode: n.typeCode,
      issuer: n.issuer,
    });
  }
  for (const k of ['docType', 'issuedOn', 'signerId', 'abstract', 'urgency', 'secret', 'source', 'externalId'] as const)
    if (b[k] !== undefined) (patch as Record<string, unknown>)[k] = b[k];
  const numberText = patch.numberText ?? cur.numberText;
  const abstract = patch.abstract ?? cur.abstract;
  if (
    numberText.toLowerCase() !== cur.numberText.toLowerCase() ||
    (b.issuedOn && b.issuedOn.slice(0, 4) !== cur.issuedOn.slice(0, 4))
  )
    await checkDuplicate(w, numberText, b.issuedOn ?? cur.issuedOn, b.confirmDuplicate, cur.id);
  patch.searchFolded = foldVietnamese(`${numberText} ${abstract}`);
  const [upd] = await w.tx
    .update(documents)
    .set({ ...patch, version: cur.version + 1, updatedAt: w.now })
    .where(and(eq(documents.id, cur.id), eq(documents.version, v)))
    .returning();
  if (!upd) throw staleVersion();
  const { searchFolded: _a, ...shown } = patch;
  void _a;
  const d = diff(cur, shown);
  await w.event({ entityType: 'document', entityId: cur.id, action: 'document.update', ...d });
  if (numberText !== cur.numberText || abstract !== cur.abstract) {
    // Tasks are found by their document's number and abstract too.
    const list = await w.tx
      .select({ id: tasks.id, content: tasks.content })
      .from(tasks)
      .where(eq(tasks.documentId, cur.id));
    for (const t of list)
      await w.tx
        .update(tasks)
        .set({ searchFolded: cmd.searchTextOf(t.content, { numberText, abstract }) })
        .where(eq(tasks.id, t.id));
  }
}

/**
 * Deletes a document registered by mistake, while none of its tasks has been assigned (policy
 * `documentActions`): the document is marked deleted (its events keep what it was) and its draft tasks are
 * cancelled, each with its own event.
 */
export async function deleteDocument(w: WriteCtx, id: number, v: number): Promise<void> {
  const [cur] = await w.tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), isNull(documents.deletedAt)))
    .for('update');
  if (!cur) throw notFound(DOC);
  // Outside the actor's document scope: the same 404 as a missing document.
  const seen = await documentById(w.tx, w.actor, id);
  const list = await w.tx
    .select({ id: tasks.id, status: tasks.status, version: tasks.version })
    .from(tasks)
    .where(eq(tasks.documentId, id))
    .for('update');
  const assigned = list.filter((t) => t.status !== 'draft' && t.status !== 'cancelled').length;
  const allowed = documentActions(w.actor, { visibleTaskCount: seen.task_count, assignedTaskCount: assigned });
  if (!allowed.includes('view')) throw notFound(DOC);
  if (cur.version !== v) throw staleVersion();
  if (!allowed.includes('delete')) {
    if (!allowed.includes('update')) throw forbidden();
    throw conflict(
      `Văn bản đã có ${assigned} nhiệm vụ được giao: không thể xóa. Hãy thu hồi hoặc hủy từng nhiệm vụ nếu cần.`,
      `${assigned} task(s) of this document have been assigned: it cannot be deleted. Withdraw or cancel the tasks instead.`,
    );
  }
  for (const t of list.filter((x) => x.status === 'draft'))
    await cmd.closeTask(w, t.id, 'cancel', { reason: `Văn bản ${cur.numberText} bị xóa`, version: t.version });
  const [upd] = await w.tx
    .update(documents)
    .set({ deletedAt: w.now, version: cur.version + 1, updatedAt: w.now })
    .where(and(eq(documents.id, id), eq(documents.version, v)))
    .returning({ id: documents.id });
  if (!upd) throw staleVersion();
  await w.event({
    entityType: 'document',
    entityId: id,
    action: 'document.delete',
    before: { numberText: cur.numberText, issuedOn: cur.issuedOn, abstract: cur.abstract },
  });
}
