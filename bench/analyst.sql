-- The chat and sales-conversion columns of `csperf metrics` (metrics.md, "Numbers", "Time",
-- "Chat: sessions and waits", "Sales conversion"), written as an analyst would write them in
-- DuckDB SQL over the same canonical CSV files: load, then one CTE per step of the
-- definitions, window functions throughout, no correlated subqueries. bench/analyst.js runs
-- it; bench/metrics_check.sh proves that it prints what csperf prints.
--
-- Inputs, set by bench/analyst.js before this script runs (SET VARIABLE):
--   agents_csv, messages_csv, orders_csv   the folder's files (one file per kind)
--   timezone                               the settings' `timezone`
--   period_from, period_to                 the period as local times, [from, to)
-- and the table `shop_settings(shop, session_gap_s, fast_response_s, attribution_window_s,
-- payment_window_s, service_from_s, service_to_s)`: the five per-shop settings read from the
-- settings file, durations in seconds, service hours as seconds after local midnight (NULL:
-- all day; an end at or before the start is the next day). The row with shop NULL holds the
-- top-level values, which apply to every shop without a [shops."NAME"] table of its own.
--
-- Scope: the canonical column names and the canonical words (sender, status); one file per
-- kind, so the duplicate rule for id-less messages across files ("the largest count seen in
-- any one file") has nothing to do; a time zone without daylight saving inside the data (the
-- service-hours clock below runs on local wall time). Everything else in those four sections
-- is here.

-- Numbers: an exact ratio num/den (both >= 0) rounded once, half away from zero, to `places`
-- decimals; NULL (printed empty) over no data.
CREATE OR REPLACE TEMP MACRO decimal_text(q, places) AS
  (q // CAST(10 ** places AS HUGEINT))::VARCHAR
  || CASE WHEN places > 0
          THEN '.' || lpad((q % CAST(10 ** places AS HUGEINT))::VARCHAR, places, '0')
          ELSE '' END;
CREATE OR REPLACE TEMP MACRO fixed(num, den, places) AS
  CASE WHEN den > 0 THEN decimal_text(
    (2 * num::HUGEINT * CAST(10 ** places AS HUGEINT) + den) // (2 * den::HUGEINT), places)
  END;
-- The k-th smallest of a list, k = ceil(num/den * n): the lower median for 1/2, the
-- nearest-rank p90 for 9/10.
CREATE OR REPLACE TEMP MACRO rank_value(xs, num, den) AS
  CASE WHEN len(xs) > 0
       THEN list_sort(xs)[(num * len(xs) + den - 1) // den] END;

-- Time: epoch seconds (floored) of a timestamp as written: with an offset it is that instant,
-- without one a local time in `timezone`, 9-10 digits epoch seconds, 12-13 epoch millis.
CREATE OR REPLACE TEMP MACRO instant_of(t) AS floor(coalesce(
  epoch(timezone(getvariable('timezone'), try_strptime(t, [
    '%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S',
    '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M',
    '%Y-%m-%d', '%Y/%m/%d']))),
  epoch(try_strptime(regexp_replace(t, '[Zz]$', '+00:00'), [
    '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%d %H:%M:%S%z', '%Y-%m-%dT%H:%M:%S.%f%z',
    '%Y-%m-%d %H:%M:%S.%f%z'])),
  CASE WHEN regexp_full_match(t, '[0-9]{9,10}') THEN t::DOUBLE
       WHEN regexp_full_match(t, '[0-9]{12,13}') THEN t::DOUBLE / 1000 END))::BIGINT;

-- Time, service hours: a clock that ticks only inside service hours, in seconds since the
-- epoch (local wall time). The seconds of [a, b) inside service hours are clock(b) - clock(a);
-- without service hours the clock is the instant itself.
CREATE OR REPLACE TEMP MACRO local_seconds(ts) AS
  epoch(timezone(getvariable('timezone'), to_timestamp(ts)))::BIGINT;
CREATE OR REPLACE TEMP MACRO service_clock_local(local_s, from_s, to_s) AS CASE
  WHEN from_s < to_s   -- a window inside the day, e.g. 08:00-24:00
    THEN local_s // 86400 * (to_s - from_s)
         + least(greatest(local_s % 86400 - from_s, 0), to_s - from_s)
  ELSE                 -- past midnight, e.g. 08:00-02:00 (08:00-08:00: all day)
    local_s // 86400 * (to_s + 86400 - from_s)
    + least(local_s % 86400, to_s) + greatest(local_s % 86400 - from_s, 0)
  END;
CREATE OR REPLACE TEMP MACRO service_clock(ts, from_s, to_s) AS CASE
  WHEN from_s IS NULL THEN ts
  ELSE service_clock_local(local_seconds(ts), from_s, to_s) END;

-- Load: the three files as written, then typed and trimmed as the import reads them (an
-- empty field is no value). A table filled by a plain scan keeps the file's row order, so
-- its rowid is input order, kept as `ord`; filters and expressions come in a second step,
-- as DuckDB may reorder the rows of a scan that filters (a lesson from this benchmark).
-- Quoting is RFC 4180, said outright: on a large file whose sampled rows hold no quote,
-- DuckDB's sniffer picks "no quote character" and then fails on a row further down.
CREATE OR REPLACE TEMP TABLE agents_raw AS
SELECT agent_id, accounts
FROM read_csv(getvariable('agents_csv'), all_varchar = true, header = true, quote = '"', escape = '"');
CREATE OR REPLACE TEMP TABLE agents_in AS
SELECT rowid AS ord, trim(agent_id) AS agent_id, trim(coalesce(accounts, '')) AS accounts
FROM agents_raw;

CREATE OR REPLACE TEMP TABLE messages_raw AS
SELECT shop, customer_id, sender, sent_at, account, conversation_id, message_id
FROM read_csv(getvariable('messages_csv'), all_varchar = true, header = true, quote = '"', escape = '"');
CREATE OR REPLACE TEMP TABLE messages_in AS
SELECT rowid AS ord,
       trim(shop) AS shop,
       trim(customer_id) AS customer_id,
       CASE WHEN lower(trim(sender)) IN ('customer', '买家', '顾客', '客户', 'buyer')
            THEN 'customer' ELSE 'agent' END AS sender,
       instant_of(trim(sent_at)) AS ts,
       nullif(trim(account), '') AS account,
       nullif(trim(conversation_id), '') AS conversation_id,
       nullif(trim(message_id), '') AS message_id
FROM messages_raw
-- Bot and system messages are left out of every chat metric: only customers and agents.
WHERE lower(trim(sender)) IN ('customer', '买家', '顾客', '客户', 'buyer',
                              'agent', '客服', '卖家', 'seller');
DROP TABLE messages_raw;

CREATE OR REPLACE TEMP TABLE orders_raw AS
SELECT order_id, shop, customer_id, created_at, paid_at, amount, status
FROM read_csv(getvariable('orders_csv'), all_varchar = true, header = true, quote = '"', escape = '"');
CREATE OR REPLACE TEMP TABLE orders_in AS
SELECT rowid AS ord,
       trim(order_id) AS order_id,
       trim(shop) AS shop,
       trim(customer_id) AS customer_id,
       instant_of(trim(created_at)) AS created_at,
       instant_of(nullif(trim(paid_at), '')) AS paid_at,
       -- Money is integer cents: "1,299.00", "¥199.5" and "99.00" are all fine.
       (regexp_replace(trim(amount), '[,¥￥ ]', '', 'g')::DECIMAL(18, 2) * 100)::BIGINT
         AS amount_cents,
       lower(trim(coalesce(status, ''))) IN ('refunded', '退款成功', '已退款') AS refunded
FROM orders_raw;

WITH
-- Agent accounts map to agents; an account listed by two agents belongs to the first in the
-- agents file. An account mapped to no agent acts as the shop (agent_id NULL below).
agents AS (
  SELECT agent_id, min(ord) AS agent_ord FROM agents_in GROUP BY agent_id
),
account_owner AS (
  SELECT account, arg_min(agent_id, agent_ord) AS agent_id
  FROM (SELECT a.agent_id, a.agent_ord, trim(unnest(string_split(i.accounts, ';'))) AS account
        FROM agents a JOIN agents_in i ON i.ord = a.agent_ord)
  WHERE account <> ''
  GROUP BY account
),
-- The settings of each shop: its own table, else the top-level values.
shop_settings_resolved AS (
  SELECT shops.shop,
         coalesce(own.session_gap_s, top.session_gap_s) AS session_gap_s,
         coalesce(own.fast_response_s, top.fast_response_s) AS fast_response_s,
         coalesce(own.attribution_window_s, top.attribution_window_s) AS attribution_window_s,
         coalesce(own.payment_window_s, top.payment_window_s) AS payment_window_s,
         CASE WHEN own.shop IS NULL THEN top.service_from_s ELSE own.service_from_s END
           AS service_from_s,
         CASE WHEN own.shop IS NULL THEN top.service_to_s ELSE own.service_to_s END
           AS service_to_s
  FROM (SELECT DISTINCT shop FROM messages_in UNION SELECT DISTINCT shop FROM orders_in) shops
  LEFT JOIN shop_settings own ON own.shop = shops.shop
  CROSS JOIN (SELECT * FROM shop_settings WHERE shop IS NULL) top
),
period AS (
  SELECT epoch(timezone(getvariable('timezone'), getvariable('period_from')::TIMESTAMP))::BIGINT
           AS begin_at,
         epoch(timezone(getvariable('timezone'), getvariable('period_to')::TIMESTAMP))::BIGINT
           AS end_at
),
-- Duplicates: messages with a message_id are keyed by (shop, message_id); within one file
-- every id-less row is a message. `ord` is input order.
chat AS (
  SELECT * FROM messages_in WHERE message_id IS NULL
  UNION ALL
  SELECT * FROM messages_in WHERE message_id IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY shop, message_id ORDER BY ord) = 1
),
-- Sessions, step 1: a customer is (shop, customer_id). Messages with a conversation id form
-- one session per conversation; those without are cut where the gap since the previous one
-- (in service-hours seconds when the shop has service hours) exceeds session_gap.
chat_clock AS (
  SELECT c.*, s.session_gap_s, s.fast_response_s,
         service_clock(c.ts, s.service_from_s, s.service_to_s) AS clock
  FROM chat c JOIN shop_settings_resolved s USING (shop)
),
chat_cuts AS (
  SELECT *,
         lag(clock) OVER by_customer IS NULL
           OR (conversation_id IS NULL AND clock - lag(clock) OVER by_customer > session_gap_s)
           AS starts_session
  FROM chat_clock
  WINDOW by_customer AS (PARTITION BY shop, customer_id, conversation_id ORDER BY ts, ord)
),
chat_sessions AS (
  SELECT *,
         sum(starts_session::INTEGER) OVER (
           PARTITION BY shop, customer_id, conversation_id ORDER BY ts, ord
           ROWS UNBOUNDED PRECEDING) AS session_no
  FROM chat_cuts
),
-- Sessions, step 2: each message in its session, in time order then input order. A session
-- is named by the input position of its first message (session_id), which also breaks ties
-- between sessions that start in the same second. Waits: a customer message opens a wait
-- when none is open (the message before it in the session is not a customer's); the next
-- agent message closes it.
steps AS (
  SELECT *,
         first_value(ord) OVER whole AS session_id,
         first_value(ts) OVER whole AS session_first_at,
         first_value(sender) OVER whole = 'customer' AS customer_opened,
         count(*) FILTER (WHERE sender = 'customer') OVER whole AS session_customer_messages,
         count(*) FILTER (WHERE sender = 'agent') OVER whole AS session_agent_messages,
         coalesce(lag(sender) OVER upto, 'agent') AS previous_sender,
         count(*) FILTER (WHERE sender = 'agent') OVER upto AS agent_messages_so_far,
         -- the account of the last agent message up to here
         last_value(CASE WHEN sender = 'agent' THEN account END IGNORE NULLS) OVER upto
           AS last_agent_account
  FROM chat_sessions
  WINDOW whole AS (PARTITION BY shop, customer_id, conversation_id, session_no ORDER BY ts, ord
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
         upto AS (PARTITION BY shop, customer_id, conversation_id, session_no ORDER BY ts, ord
                  ROWS UNBOUNDED PRECEDING)
),
wait_steps AS (
  SELECT *,
         sender = 'customer' AND previous_sender = 'agent' AS opens_wait,
         sender = 'agent' AND previous_sender = 'customer' AS closes_wait,
         -- when the wait open at this message opened (on the clock), and how many waits so far
         max(CASE WHEN sender = 'customer' AND previous_sender = 'agent' THEN clock END)
           OVER upto AS wait_opened_clock,
         count(*) FILTER (WHERE sender = 'customer' AND previous_sender = 'agent')
           OVER upto AS waits_so_far
  FROM steps
  WINDOW upto AS (PARTITION BY shop, customer_id, conversation_id, session_no ORDER BY ts, ord
                  ROWS UNBOUNDED PRECEDING)
),
-- A session belongs to the period of its first message.
sessions AS (
  SELECT session_id, shop, customer_id, session_first_at AS first_at, customer_opened,
         session_customer_messages AS customer_messages,
         session_agent_messages > 0 AS served,
         session_first_at >= p.begin_at AND session_first_at < p.end_at AS in_period
  FROM wait_steps CROSS JOIN period p
  WHERE ord = session_id
),
-- The agents' messages ("lines"), with the agent of the account (NULL: an unmapped account,
-- i.e. the shop).
lines AS (
  SELECT w.session_id, w.ts, w.ord, w.account, o.agent_id
  FROM wait_steps w LEFT JOIN account_owner o ON o.account = w.account
  WHERE w.sender = 'agent'
),
-- Waits. Answered: credited to the agent who closed it, response time = close - open (in
-- service hours when set), fast when <= fast_response. Unanswered (open when the session
-- ends): charged to the last agent who sent a message in the session before it opened, else
-- to the agent of the account the opening message was routed to, else to the shop. The
-- session's first wait (waits_so_far = 1) is its FRT.
waits AS (
  SELECT session_id, account AS credited_account, true AS answered,
         clock - wait_opened_clock AS seconds,
         clock - wait_opened_clock <= fast_response_s AS fast,
         waits_so_far = 1 AS first
  FROM wait_steps WHERE closes_wait
  UNION ALL
  SELECT session_id, coalesce(last_agent_account, account), false, NULL, false,
         waits_so_far = 1
  FROM wait_steps
  WHERE opens_wait AND agent_messages_so_far = session_agent_messages
),
credited_waits AS (
  SELECT w.*, o.agent_id
  FROM waits w
  JOIN sessions s USING (session_id)
  LEFT JOIN account_owner o ON o.account = w.credited_account
  WHERE s.in_period
),
-- Chat columns, step 1: the sessions each agent served (sent a message in) in the period.
served AS (
  SELECT l.agent_id, s.session_id, s.shop, s.customer_id, s.customer_opened,
         s.customer_messages, count(*) AS agent_messages
  FROM lines l JOIN sessions s USING (session_id)
  WHERE s.in_period AND l.agent_id IS NOT NULL
  GROUP BY ALL
),
served_by_agent AS (
  SELECT agent_id,
         count(*) AS sessions,
         sum(agent_messages) AS agent_messages,
         sum(customer_messages) AS customer_messages,
         count(*) FILTER (WHERE customer_opened) AS inquiries,
         count(DISTINCT (shop, customer_id)) FILTER (WHERE customer_opened) AS inquirers
  FROM served GROUP BY agent_id
),
waits_by_agent AS (
  SELECT agent_id,
         count(*) FILTER (WHERE answered) AS responses,
         sum(seconds) FILTER (WHERE answered) AS response_seconds,
         list(seconds) FILTER (WHERE answered) AS response_list,
         count(*) FILTER (WHERE answered AND fast) AS responses_within_s,
         count(*) FILTER (WHERE NOT answered) AS unanswered_waits,
         count(*) FILTER (WHERE first) AS first_waits,
         count(*) FILTER (WHERE first AND answered) AS frt_count,
         sum(seconds) FILTER (WHERE first AND answered) AS frt_seconds,
         list(seconds) FILTER (WHERE first AND answered) AS frt_list,
         count(*) FILTER (WHERE first AND answered AND fast) AS frt_within_s
  FROM credited_waits WHERE agent_id IS NOT NULL GROUP BY agent_id
),
-- Conversion, step 1: orders that count: paid no later than payment_window after creation.
-- Orders are keyed by (shop, order_id); repeats of one in a file are the same order.
counted_orders AS (
  SELECT o.*, s.attribution_window_s
  FROM (SELECT * FROM orders_in
        QUALIFY row_number() OVER (PARTITION BY shop, order_id ORDER BY ord) = 1) o
  JOIN shop_settings_resolved s USING (shop)
  WHERE o.paid_at IS NOT NULL AND o.paid_at - o.created_at <= s.payment_window_s
),
-- Conversion, step 2: inquiries (customer-opened sessions that some agent served) and
-- orders of each customer in one time line; each order takes the latest inquiry whose first
-- message is at or before created_at (by time, then input order) ...
timeline AS (
  SELECT shop, customer_id, first_at AS t, 0 AS kind, session_id AS tie,
         session_id, first_at, NULL AS order_id, NULL::BIGINT AS created_at,
         NULL::BIGINT AS attribution_window_s, NULL::BIGINT AS amount_cents,
         NULL::BOOLEAN AS refunded
  FROM sessions WHERE customer_opened AND served
  UNION ALL
  SELECT shop, customer_id, created_at, 1, 0, NULL, NULL, order_id, created_at,
         attribution_window_s, amount_cents, refunded
  FROM counted_orders
),
latest_inquiry AS (
  SELECT *,
         last_value(session_id IGNORE NULLS) OVER before AS inquiry_id,
         last_value(first_at IGNORE NULLS) OVER before AS inquiry_at
  FROM timeline
  WINDOW before AS (PARTITION BY shop, customer_id ORDER BY t, kind, tie
                    ROWS UNBOUNDED PRECEDING)
),
-- ... if it lies within attribution_window before the order (both ends included); else the
-- order is silent and credited to no one. It counts in the period of that session.
attributed AS (
  SELECT l.shop, l.customer_id, l.order_id, l.created_at, l.amount_cents, l.refunded,
         l.inquiry_id AS session_id
  FROM latest_inquiry l JOIN sessions s ON s.session_id = l.inquiry_id
  WHERE l.kind = 1 AND l.inquiry_at >= l.created_at - l.attribution_window_s AND s.in_period
),
-- Conversion, step 3: credited to the last agent who sent a message in that session at or
-- before created_at; if none did, to the first agent who sent one in it.
credited_orders AS (
  SELECT c.*, o.agent_id
  FROM (SELECT a.shop, a.customer_id, a.order_id, a.amount_cents, a.refunded,
               coalesce(
                 arg_max(l.account, (l.ts, l.ord)) FILTER (WHERE l.ts <= a.created_at),
                 arg_min(l.account, (l.ts, l.ord))) AS credited_account
        FROM attributed a JOIN lines l USING (session_id)
        GROUP BY ALL) c
  LEFT JOIN account_owner o ON o.account = c.credited_account
),
orders_by_agent AS (
  SELECT agent_id,
         count(DISTINCT (shop, customer_id)) AS buyers,
         count(*) AS orders,
         sum(amount_cents) AS sales_cents,
         sum(amount_cents) FILTER (WHERE NOT refunded) AS net_cents
  FROM credited_orders WHERE agent_id IS NOT NULL GROUP BY agent_id
)
-- One row per agent, in the order of the agents file, printed as csperf prints them.
SELECT a.agent_id,
       coalesce(s.sessions, 0)::VARCHAR AS sessions,
       coalesce(s.agent_messages, 0)::VARCHAR AS agent_messages,
       coalesce(s.customer_messages, 0)::VARCHAR AS customer_messages,
       coalesce(w.frt_count, 0)::VARCHAR AS frt_count,
       fixed(w.frt_seconds, w.frt_count, 3) AS frt_avg_s,
       rank_value(w.frt_list, 1, 2)::VARCHAR AS frt_median_s,
       rank_value(w.frt_list, 9, 10)::VARCHAR AS frt_p90_s,
       coalesce(w.responses, 0)::VARCHAR AS responses,
       fixed(w.response_seconds, w.responses, 3) AS art_avg_s,
       rank_value(w.response_list, 1, 2)::VARCHAR AS art_median_s,
       rank_value(w.response_list, 9, 10)::VARCHAR AS art_p90_s,
       coalesce(w.responses_within_s, 0)::VARCHAR AS responses_within_s,
       fixed(w.responses_within_s, w.responses, 6) AS response_within_rate,
       coalesce(w.unanswered_waits, 0)::VARCHAR AS unanswered_waits,
       coalesce(w.first_waits, 0)::VARCHAR AS first_waits,
       coalesce(w.frt_within_s, 0)::VARCHAR AS frt_within_s,
       fixed(w.frt_within_s, w.first_waits, 6) AS frt_within_rate,
       fixed(w.responses, w.responses + w.unanswered_waits, 6) AS reply_rate,
       coalesce(s.inquiries, 0)::VARCHAR AS inquiries,
       fixed(s.agent_messages, s.customer_messages, 6) AS answer_ratio,
       coalesce(s.inquirers, 0)::VARCHAR AS inquirers,
       coalesce(o.buyers, 0)::VARCHAR AS buyers,
       fixed(coalesce(o.buyers, 0), coalesce(s.inquirers, 0), 6) AS inquiry_conversion,
       coalesce(o.orders, 0)::VARCHAR AS orders,
       fixed(coalesce(o.sales_cents, 0), 100, 2) AS sales_amount,
       fixed(coalesce(o.net_cents, 0), 100, 2) AS net_sales_amount,
       fixed(o.sales_cents, o.buyers * 100, 2) AS aov
FROM agents a
LEFT JOIN served_by_agent s USING (agent_id)
LEFT JOIN waits_by_agent w USING (agent_id)
LEFT JOIN orders_by_agent o USING (agent_id)
ORDER BY a.agent_ord;
