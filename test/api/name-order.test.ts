/**
 * Names sorted by the Vietnamese alphabet on the server, the same on PGlite and PostgreSQL: "Hồ" before
 * "Huỳnh", "Dương" before "Đặng", "An" before "Ân"; tones only between names with the same letters. The
 * SQL sort key equals the JS one for any text.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { viSortKey } from '../../src/db/collation.js';
import { agencies, agencyNames, fields, leaders, users } from '../../src/db/schema.js';
import { compareVietnamese, foldVietnamese, vietnameseSortKey } from '../../src/domain/text.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

/** In Vietnamese dictionary order. */
const SORTED = [
  'An Văn Bình',
  'Ân Thị Hoa',
  'Dương Văn Long',
  'Đặng Thu Hà',
  'Hà Minh Tuấn',
  'Hồ Thị Lan',
  'Hồ Thị Lan Anh',
  'Huỳnh Văn Nam',
  'Ông Văn Tài',
  'Ơn Thị Mai',
  'Phạm Văn Đức',
  'Ưng Thị Bảo',
];
const SHUFFLED = [7, 3, 11, 5, 0, 9, 2, 6, 10, 1, 8, 4].map((i) => SORTED[i]!);
const mine = (names: string[]) => names.filter((n) => SORTED.includes(n));

describe('the sort key', () => {
  it('orders by letter first (a ă â … d đ … o ô ơ … u ư), tones second, lower case before upper', () => {
    expect([...SHUFFLED].sort(compareVietnamese)).toEqual(SORTED);
    expect(['Hà', 'Hạ', 'Há', 'Hã', 'Hả', 'Hà', 'Ha'].sort(compareVietnamese)).toEqual([
      'Ha',
      'Hà',
      'Hà',
      'Hả',
      'Hã',
      'Há',
      'Hạ',
    ]);
    expect(['Hồ', 'hồ', 'Ho'].sort(compareVietnamese)).toEqual(['Ho', 'hồ', 'Hồ']);
    // A plain code-point sort gets these wrong: this is what the key is for.
    expect(['Huỳnh', 'Hồ'].sort()).toEqual(['Huỳnh', 'Hồ']);
    expect(['Huỳnh', 'Hồ'].sort(compareVietnamese)).toEqual(['Hồ', 'Huỳnh']);
  });

  it('agrees with the Vietnamese collation of ICU on Vietnamese names', () => {
    const icu = new Intl.Collator('vi');
    const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxy'];
    const name = fc
      .array(
        fc.tuple(fc.constantFrom(...letters), fc.constantFrom('', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323')),
        { minLength: 1, maxLength: 6 },
      )
      .map((cs) => cs.map(([l, t]) => (/[aăâeêioôơuưy]/.test(l) ? l + t : l).normalize('NFC')).join(''));
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(Math.sign(compareVietnamese(a, b))).toBe(Math.sign(icu.compare(a, b)));
      }),
      { numRuns: 500 },
    );
  });

  it('is computed by the database exactly as in JS, for any text', async () => {
    const vi = fc.constantFrom(
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ',
    );
    const text = fc.array(fc.oneof(vi, fc.constantFrom(' ', '-', '1', '(', '&', 'Z', 'ß')), { maxLength: 20 });
    const samples = fc.sample(text, 200).map((cs) => cs.join(''));
    for (const s of [...samples, ...SORTED]) {
      const [r] = await rows<{ k: string }>(h.database.db, sql`select ${viSortKey(sql`${s}::text`)} as k`);
      expect(r!.k, s).toBe(vietnameseSortKey(s));
    }
  });
});

describe('lists sorted on the server', () => {
  beforeAll(async () => {
    const db = h.database.db;
    const [{ hash }] = (await rows<{ hash: string }>(
      db,
      sql`select password_hash as hash from users where username = 'spec1'`,
    )) as [{ hash: string }];
    let n = 0;
    for (const fullName of SHUFFLED) {
      n++;
      await db.insert(users).values({
        username: `order${n}`,
        passwordHash: hash,
        fullName,
        role: 'agency_staff',
        agencyId: h.fx.agency.finance,
      });
      const name = `Sở ${fullName}`;
      const [a] = await db
        .insert(agencies)
        .values({
          code: `ORD${n}`,
          name,
          shortName: name,
          kind: 'department',
          validFrom: '2020-01-01',
          nameFolded: foldVietnamese(name),
          sortOrder: 500,
        })
        .returning();
      await db.insert(agencyNames).values({ agencyId: a!.id, name, shortName: name, validFrom: '2020-01-01' });
      await db.insert(fields).values({ code: `F${n}`, name: fullName, nameEn: fullName, sortOrder: 500 });
      await db.insert(leaders).values({ fullName, position: 'Phó Chủ tịch UBND tỉnh', sortOrder: 500 });
    }
  });

  const get = async (url: string) => {
    const res = await (await h.as('admin')).get(url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as Record<string, unknown>[];
  };

  it('users by full name', async () => {
    expect(mine((await get('/api/users')).map((u) => u.fullName as string))).toEqual(SORTED);
    // An agency's user sees its own people in the same order.
    const fin = await (await h.as('fin_staff')).get('/api/users');
    expect(mine((fin.body.items as { fullName: string }[]).map((u) => u.fullName))).toEqual(SORTED);
  });

  it('agencies, fields and leaders by name within the same display order', async () => {
    const agencyNamesSorted = (await get('/api/agencies')).map((a) => String(a.name).replace(/^Sở /, ''));
    expect(mine(agencyNamesSorted)).toEqual(SORTED);
    expect(mine((await get('/api/fields')).map((f) => f.name as string))).toEqual(SORTED);
    expect(mine((await get('/api/leaders')).map((l) => l.fullName as string))).toEqual(SORTED);
  });
});
