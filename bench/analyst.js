#!/usr/bin/env node
// Runs the analyst's DuckDB SQL (bench/analyst.sql) over a folder of canonical CSV files and
// prints, as CSV, the chat and conversion columns csperf prints for the same folder and
// period; or, with --scan, DuckDB's bare scan of the same files (count(*) and
// count(DISTINCT customer_id) of messages.csv and orders.csv), the cost of reading them at all.
//
//   node bench/analyst.js --data DIR --period 2024-01 [--settings FILE] [--threads 2]
//   node bench/analyst.js --scan --data DIR [--threads 2]
//
// The settings are the file csperf runs with (`--settings`, e.g. the settings.toml that
// `csperf demo-data` writes into its folder); without one, the defaults of metrics.md. Only
// the keys these columns use are read: timezone and the five per-shop settings, at the top
// level and under [shops."NAME"].
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { DuckDBInstance } = require('@duckdb/node-api');

function usage(message) {
  if (message) process.stderr.write(`analyst.js: ${message}\n`);
  process.stderr.write(
    'usage: node bench/analyst.js --data DIR --period PERIOD [--settings FILE] [--threads N]\n' +
      '       node bench/analyst.js --scan --data DIR [--threads N]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { threads: '2', scan: false };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--data') args.data = value();
    else if (a === '--period') args.period = value();
    else if (a === '--settings') args.settings = value();
    else if (a === '--threads') args.threads = value();
    else if (a === '--scan') args.scan = true;
    else usage(`unknown argument ${a}`);
  }
  if (!args.data) usage('--data is required');
  if (!args.scan && !args.period) usage('--period is required');
  return args;
}

// Durations as the settings file writes them: "30m", "72h", "1h30m", "2d", or seconds.
function durationSeconds(value, key) {
  if (typeof value === 'number') return value;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?$/i.exec(text);
  if (!text || !m) throw new Error(`${key}: not a duration: ${text}`);
  const [d, h, mi, s] = m.slice(1).map((x) => Number(x || 0));
  return ((d * 24 + h) * 60 + mi) * 60 + s;
}

// Service hours "08:00-24:00" as [from, to] seconds after local midnight; "" is all day.
function serviceHours(value, key) {
  const text = String(value).trim();
  if (!text) return [null, null];
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*[-~]\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`${key}: not service hours: ${text}`);
  const clock = (h, mi, s) => Number(h) * 3600 + Number(mi) * 60 + Number(s || 0);
  return [clock(m[1], m[2], m[3]), clock(m[4], m[5], m[6])];
}

// The few keys of a settings TOML file these columns use. Enough TOML for that file: tables,
// `key = "string"` and `key = number`, comments.
function readSettings(file) {
  const top = {
    session_gap_s: 1800,
    fast_response_s: 180,
    attribution_window_s: 72 * 3600,
    payment_window_s: 72 * 3600,
    service_from_s: null,
    service_to_s: null,
  };
  const settings = { timezone: 'Asia/Shanghai', top, shops: new Map() };
  if (!file) return settings;
  let table = ''; // '' top level, 'shops.NAME', or another table (ignored)
  let shop = null;
  const raw = new Map(); // shop name -> {key: value}
  for (const line of fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const text = line.replace(/^\s+|\s+$/g, '');
    if (!text || text.startsWith('#')) continue;
    let m = /^\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(text);
    if (m) {
      table = m[1];
      const s = /^shops\.(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_-]+))$/.exec(table);
      shop = s ? (s[1] !== undefined ? JSON.parse(`"${s[1]}"`) : s[2]) : null;
      if (shop !== null && !raw.has(shop)) raw.set(shop, {});
      continue;
    }
    m = /^([A-Za-z0-9_]+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[0-9]+)\s*(#.*)?$/.exec(text);
    if (!m) continue; // arrays, inline tables and other values: settings these columns ignore
    let value = m[2];
    if (value.startsWith('"')) value = JSON.parse(value);
    else if (value.startsWith("'")) value = value.slice(1, -1);
    else value = Number(value);
    if (table === '') {
      if (m[1] === 'timezone') settings.timezone = String(value);
      else applySetting(top, m[1], value, m[1]);
    } else if (shop !== null) {
      raw.get(shop)[m[1]] = value;
    }
  }
  // A shop's table starts from the top-level values, then its own.
  for (const [name, values] of raw) {
    const own = { ...top };
    for (const [key, value] of Object.entries(values)) {
      applySetting(own, key, value, `shops.${name}.${key}`);
    }
    settings.shops.set(name, own);
  }
  return settings;
}

function applySetting(target, key, value, where) {
  if (['session_gap', 'fast_response', 'attribution_window', 'payment_window'].includes(key)) {
    target[`${key}_s`] = durationSeconds(value, where);
  } else if (key === 'service_hours') {
    [target.service_from_s, target.service_to_s] = serviceHours(value, where);
  }
}

// A period as local times [from, to): 2024-01, 2024-01-15, or 2024-01-01..2024-01-15.
function periodBounds(text) {
  const pad = (n) => String(n).padStart(2, '0');
  const day = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const parseDay = (s) => {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (!m) usage(`not a period: ${text}`);
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  };
  const nextDay = (d) => new Date(d.getTime() + 86400000);
  let m = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (m) {
    const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    const to = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1));
    return [`${day(from)} 00:00:00`, `${day(to)} 00:00:00`];
  }
  m = /^(.+)\.\.(.+)$/.exec(text);
  if (m) return [`${day(parseDay(m[1]))} 00:00:00`, `${day(nextDay(parseDay(m[2])))} 00:00:00`];
  const d = parseDay(text);
  return [`${day(d)} 00:00:00`, `${day(nextDay(d))} 00:00:00`];
}

const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;
const sqlValue = (v) =>
  v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : quote(v);

function csvCell(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// The one file of a kind in the folder: KIND.csv (the benchmark's inputs hold one per kind).
function kindFile(dir, kind) {
  const file = path.join(dir, `${kind}.csv`);
  const others = fs.readdirSync(dir).filter((f) => f !== `${kind}.csv` &&
    (f === kind || (f.startsWith(`${kind}_`) && f.endsWith('.csv'))));
  if (!fs.existsSync(file) || others.length) {
    throw new Error(`${dir}: expected exactly one ${kind} file, ${kind}.csv`);
  }
  return file;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // Spill to a private folder under the system's temp dir (not ./.tmp), removed at exit.
  const spill = fs.mkdtempSync(path.join(os.tmpdir(), 'duckdb-'));
  process.on('exit', () => fs.rmSync(spill, { recursive: true, force: true }));
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(args.threads),
    temp_directory: spill,
  });
  const con = await instance.connect();
  const messages = kindFile(args.data, 'messages');
  const orders = kindFile(args.data, 'orders');

  if (args.scan) {
    const scan = async (file) => {
      const r = await con.runAndReadAll(
        `SELECT count(*), count(DISTINCT customer_id) FROM read_csv(${quote(file)}, ` +
          'all_varchar = true, header = true, quote = \'"\', escape = \'"\')');
      return r.getRowsJS()[0].map(String);
    };
    const m = await scan(messages);
    const o = await scan(orders);
    process.stdout.write(`messages ${m[0]} rows, ${m[1]} customer ids\n`);
    process.stdout.write(`orders ${o[0]} rows, ${o[1]} customer ids\n`);
    return;
  }

  const settings = readSettings(args.settings);
  const [from, to] = periodBounds(args.period);
  const variables = {
    agents_csv: kindFile(args.data, 'agents'),
    messages_csv: messages,
    orders_csv: orders,
    timezone: settings.timezone,
    period_from: from,
    period_to: to,
  };
  for (const [name, value] of Object.entries(variables)) {
    await con.run(`SET VARIABLE ${name} = ${quote(value)}`);
  }
  const columns = ['session_gap_s', 'fast_response_s', 'attribution_window_s',
    'payment_window_s', 'service_from_s', 'service_to_s'];
  const rows = [[null, settings.top], ...settings.shops].map(([shop, s]) =>
    `(${[shop, ...columns.map((c) => s[c])].map(sqlValue).join(', ')})`);
  await con.run(`CREATE OR REPLACE TEMP TABLE shop_settings (shop VARCHAR, ${
    columns.map((c) => `${c} BIGINT`).join(', ')})`);
  await con.run(`INSERT INTO shop_settings VALUES ${rows.join(', ')}`);

  const sql = fs.readFileSync(path.join(__dirname, 'analyst.sql'), 'utf8');
  const statements = await con.extractStatements(sql);
  let result;
  for (let i = 0; i < statements.count; ++i) {
    const started = process.hrtime.bigint();
    const prepared = await statements.prepare(i);
    result = await prepared.runAndReadAll();
    if (process.env.ANALYST_TIMINGS) {
      const s = Number(process.hrtime.bigint() - started) / 1e9;
      process.stderr.write(`analyst.sql statement ${i + 1}: ${s.toFixed(2)} s\n`);
    }
  }
  const out = [result.columnNames().map(csvCell).join(',')];
  for (const row of result.getRowsJS()) out.push(row.map(csvCell).join(','));
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e) => {
  process.stderr.write(`analyst.js: ${e.message || e}\n`);
  process.exit(1);
});
