/**
 * Document commands: registration (with the tasks it carries) and edits; an edit of the number or the
 * abstract re-folds the search text of the document's tasks, which are found by them too.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type DOC_TYPES, documents, leaders, tasks } from '../../db/schema.js';
import { parseDocNumber, guessDocTypeFromCode } from '../../domain/docnumber.js';
import { foldVietnamese } from '../../domain/text.js';
import { badRequest, notFound, staleVersion } from '../../errors.js';
import { checkBody } from '../../services/limits.js';
import * as cmd from '../tasks/commands.js';
import { diff } from '../../services/write.js';
import type { WriteCtx } from '../../services/write.js';
import type { docBody, newDocumentBody } from './schemas.js';

export const DOC = { vi: 'văn bản', en: 'Document' };

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
  b: Partial<z.output<typeof docBody>>,
): Promise<void> {
  const [cur] = await w.tx.select().from(documents).where(eq(documents.id, id)).for('update');
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
