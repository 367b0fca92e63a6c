#!/usr/bin/env node
// Writes a copy of a messages.csv with its rows in another order, header kept, for the
// benchmark's input-order variants. The sort is stable (ties keep the file's order), so the
// copy holds the same messages with the same input order among equal keys: csperf prints
// the same report for it.
//
//   node bench/reorder.js time     IN.csv OUT.csv   # by sent_at (the demo's one time format)
//   node bench/reorder.js customer IN.csv OUT.csv   # by shop, customer_id, then sent_at
//   node bench/reorder.js mixed    IN.csv OUT.csv   # customers interleaved at random
//
// `mixed` deals the rows out in a random order (a fixed hash of each row's place) while each
// customer's rows keep their order among themselves: what the rules read of input order is
// kept, and no two rows in a row need share a customer, a conversation or a time.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const [order, input, output] = process.argv.slice(2);
  const keys = { time: 'sent_at', customer: 'shop, customer_id, sent_at', mixed: '' }[order];
  if (keys === undefined || !input || !output) {
    process.stderr.write('usage: node bench/reorder.js time|customer|mixed IN.csv OUT.csv\n');
    process.exit(2);
  }
  const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;
  // Spill to a private folder under the system's temp dir (not ./.tmp), removed at exit.
  const spill = fs.mkdtempSync(path.join(os.tmpdir(), 'duckdb-'));
  process.on('exit', () => fs.rmSync(spill, { recursive: true, force: true }));
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '2',
    temp_directory: spill,
  });
  const con = await instance.connect();
  // A table keeps the file's row order as its rowid: the tie-breaker that makes it stable.
  await con.run(`CREATE TEMP TABLE m AS SELECT * FROM read_csv(${quote(input)}, ` +
    'all_varchar = true, header = true, quote = \'"\', escape = \'"\')');
  // mixed: the k-th row of a customer goes to the place of the k-th smallest of that
  // customer's random keys.
  const query = order !== 'mixed' ? `SELECT * FROM m ORDER BY ${keys}, rowid` :
    'WITH rows AS (SELECT *, rowid AS r, row_number() OVER (PARTITION BY shop, customer_id ' +
    '  ORDER BY rowid) AS k FROM m), ' +
    'places AS (SELECT shop, customer_id, hash(rowid, 7) AS place, row_number() OVER ' +
    '  (PARTITION BY shop, customer_id ORDER BY hash(rowid, 7), rowid) AS k FROM m) ' +
    'SELECT rows.* EXCLUDE (k, r) FROM rows JOIN places USING (shop, customer_id, k) ' +
    'ORDER BY places.place, rows.r';
  await con.run(`COPY (${query}) TO ${quote(output)} (FORMAT csv, HEADER true)`);
}

main().catch((e) => {
  process.stderr.write(`reorder.js: ${e.message || e}\n`);
  process.exit(1);
});
