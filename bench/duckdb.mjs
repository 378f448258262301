// duckdb.mjs — the benchmark rule computed by DuckDB, for a side-by-side
// time and memory figure (issue 7).  bench/run.sh installs the node
// package @duckdb/node-api into build/bench/duckdb and runs:
//   node bench/duckdb.mjs FILE THREADS [FROM]
// Prints the same CSV as `pace run bench/rule.pace --data FILE --from FROM`.
const [file, threads = '2', from = '2026-01-05'] = process.argv.slice(2);
const { DuckDBInstance } = await import(process.env.DUCKDB_MODULE || '@duckdb/node-api');

const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const sql = `
WITH rows AS (
  SELECT rep, team, activity,
         CAST(date AS DATE) - CAST(isodow(CAST(date AS DATE)) - 1 AS INTEGER) AS wk
  FROM read_csv(${q(file)}, header = true, quote = '"', escape = '"',
                columns = {'date': 'VARCHAR', 'rep': 'VARCHAR', 'team': 'VARCHAR',
                           'activity': 'VARCHAR', 'amount': 'VARCHAR'})
), weeks AS (
  SELECT rep, wk, last(team) AS team,
         count(*) FILTER (WHERE activity = 'won') AS won,
         count(*) FILTER (WHERE activity = 'lost') AS lost
  FROM rows GROUP BY rep, wk
), rated AS (
  SELECT rep, wk, team, won / (won + lost) AS rate
  FROM weeks WHERE won + lost > 0
), streak AS (
  SELECT rep, wk, team, rate,
         lag(rate) OVER (PARTITION BY rep ORDER BY wk) AS prev_rate,
         lag(wk) OVER (PARTITION BY rep ORDER BY wk) AS prev_wk
  FROM rated
)
SELECT strftime(wk, '%Y-%m-%d') AS period, rep, team,
       printf('win_rate %.1f%% (%s), %.1f%% (%s) < 20%% for 2 weeks',
              prev_rate * 100, strftime(prev_wk, '%Y-%m-%d'), rate * 100,
              strftime(wk, '%Y-%m-%d')) AS reason
FROM streak
WHERE rate < 0.2 AND prev_rate < 0.2 AND prev_wk = wk - 7 AND wk >= DATE ${q(from)}
ORDER BY period, rep COLLATE "binary"`;
const reader = await con.runAndReadAll(sql);
const csv = (s) => (/[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
const out = ['period,rep,team,rule,action,target,value,previous,priority,due,reason'];
for (const [period, rep, team, reason] of reader.getRows())
  out.push([period, csv(rep), csv(team), 'Low win rate', 'coaching', 'MEDDIC', '', '', '', '',
            csv(reason)].join(','));
process.stdout.write(out.join('\n') + '\n');
