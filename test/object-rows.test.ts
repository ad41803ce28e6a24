import Database from 'better-sqlite3'
import t from 'tap'
import { ObjectRows } from '../src/projections/object-rows.ts'

t.test('ObjectRows answers the same objects as better-sqlite3 itself', async (t) => {
  const db = new Database(':memory:')
  t.teardown(() => db.close())
  db.exec(`
    CREATE TABLE a (id TEXT PRIMARY KEY, n INTEGER, x REAL, s TEXT, b BLOB, "odd ""name""" TEXT);
    CREATE TABLE b (id TEXT, a_id TEXT, s TEXT);
    INSERT INTO a VALUES ('1', 7, 1.5, 'uno', x'00ff', 'q'), ('2', NULL, NULL, NULL, NULL, NULL);
    INSERT INTO b VALUES ('b1', '1', 'de b');
  `)
  for (const sql of [
    'SELECT * FROM a WHERE id = ?',
    // Duplicate names: the later column wins, as in better-sqlite3's own objects.
    'SELECT a.*, b.* FROM a LEFT JOIN b ON b.a_id = a.id WHERE a.id = ?',
  ]) {
    const rows = new ObjectRows<[string]>(db, sql)
    for (const id of ['1', '2', 'none']) {
      t.strictSame(rows.get(id), db.prepare(sql).get(id), `${sql} (${id})`)
      t.strictSame(rows.all(id), db.prepare(sql).all(id), `${sql} (${id}), all`)
    }
  }
})
