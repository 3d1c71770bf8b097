/**
 * Ordering by name in SQL with the Vietnamese alphabet, identically on PostgreSQL and on PGlite (which has no
 * ICU, and whose default collation differs from the server's): the sort key of `domain/text.ts`
 * `vietnameseSortKey`, built in SQL with `translate` from the same table and compared byte by byte
 * (`collate "C"`). A property test holds the SQL key equal to the JS one.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { VI_SORT_TABLE } from '../domain/text.js';

/** The Vietnamese sort key of a text column or expression, for `order by`. */
export function viSortKey(column: SQLWrapper): SQL {
  const { from, letter, tone, letterCase } = VI_SORT_TABLE;
  return sql`(translate(${column}, ${from}, ${letter}) || chr(1) || translate(${column}, ${from}, ${tone}) || chr(1) || translate(${column}, ${from}, ${letterCase})) collate "C"`;
}
