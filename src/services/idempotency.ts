/**
 * The claim of an `Idempotency-Key` inside a write's transaction (the HTTP side: `http/idempotency.ts`).
 */
import type { Tx } from '../db/client.js';
import { idempotencyKeys } from '../db/schema.js';
import { conflict, type AppError } from '../errors.js';

export interface IdempotencyClaim {
  key: string;
  fingerprint: string;
  /** Set once the claim has been written inside a committed write. */
  claimed: boolean;
}

export const idempotencyInFlight = (): AppError =>
  conflict(
    'Yêu cầu đầu tiên với Idempotency-Key này đang được xử lý hoặc đã xử lý xong; hãy tải lại để xem kết quả.',
    'The first request with this Idempotency-Key is being handled or has been handled; reload to see the result.',
  );

/** Inside the write's transaction: claims the key, or refuses when another request holds it. */
export async function claimIdempotencyKey(tx: Tx, userId: number, claim: IdempotencyClaim, now: Date): Promise<void> {
  const got = await tx
    .insert(idempotencyKeys)
    .values({ userId, key: claim.key, fingerprint: claim.fingerprint, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (got.length === 0) throw idempotencyInFlight();
}
