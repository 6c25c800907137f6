// Free-text search of the Assign list at scale (issue 18): "contains" over the searched study columns
// (lower(column) like '%text%'), answered from a trigram index instead of a scan of every study.
// - PostgreSQL: one GIN index with pg_trgm over lower() of each searched column. The list query stays as
//   it was (an OR of LIKEs); the planner turns it into a BitmapOr over this index for a selective text and
//   keeps the newest-first index scan for a common one. pg_trgm ships with Debian's postgresql and is a
//   trusted extension (a database owner may create it); where it cannot be created the migration goes on
//   without the index and says so: search stays correct, only slower.
// - SQLite: an FTS5 table with the trigram tokenizer, kept in step with studies by triggers. Its rows are
//   keyed by study_search_keys (an INTEGER PRIMARY KEY), not by the studies table's implicit rowid, which
//   VACUUM may renumber. The repository asks it for candidates and re-checks them with the plain LIKEs.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The study columns free-text search looks in (the same as pipeline/quarantine/repository.ts matches on).
const SEARCHED_COLUMNS = ['study_instance_uid', 'accession_number', 'study_description', 'station_name', 'institution_name', 'modalities', 'study_date'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await upPostgres(db);
  else await upSqlite(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  const createIndex = `create index studies_search_trgm on studies using gin (${SEARCHED_COLUMNS.map((c) => `lower(${c}) gin_trgm_ops`).join(', ')})`;
  // Migrations run in one transaction on PostgreSQL: a savepoint keeps a refused extension from
  // aborting the rest.
  await sql`savepoint study_search`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql.raw(createIndex).execute(db);
    await sql`release savepoint study_search`.execute(db);
  } catch (err) {
    await sql`rollback to savepoint study_search`.execute(db);
    process.emitWarning(
      `PostgreSQL extension pg_trgm could not be created (${(err as Error).message}); the Assign list's free-text search works without its index, but scans the studies. ` +
        `To add it, a superuser runs in this database (Debian's postgresql package ships pg_trgm): create extension pg_trgm; ${createIndex};`,
      { code: 'FIONA_NO_PG_TRGM' },
    );
  }
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  const cols = SEARCHED_COLUMNS.join(', ');
  const values = (row: 'new' | 'old') => SEARCHED_COLUMNS.map((c) => `${row}.${c}`).join(', ');
  const key = (row: 'new' | 'old') => `(select id from study_search_keys where study_instance_uid = ${row}.study_instance_uid)`;
  const statements = [
    `create table study_search_keys (id integer primary key, study_instance_uid varchar(64) not null unique)`,
    `create virtual table study_search using fts5(${cols}, tokenize = 'trigram')`,
    `create trigger studies_search_insert after insert on studies begin
       insert into study_search_keys (study_instance_uid) values (new.study_instance_uid);
       insert into study_search (rowid, ${cols}) values (${key('new')}, ${values('new')});
     end`,
    // Only when a searched column is set (the index upsert's counts and times leave the search alone).
    `create trigger studies_search_update after update of ${cols} on studies begin
       update study_search_keys set study_instance_uid = new.study_instance_uid where study_instance_uid = old.study_instance_uid;
       update study_search set ${SEARCHED_COLUMNS.map((c) => `${c} = new.${c}`).join(', ')} where rowid = ${key('new')};
     end`,
    `create trigger studies_search_delete after delete on studies begin
       delete from study_search where rowid = ${key('old')};
       delete from study_search_keys where study_instance_uid = old.study_instance_uid;
     end`,
    `insert into study_search_keys (study_instance_uid) select study_instance_uid from studies`,
    `insert into study_search (rowid, ${cols}) select k.id, ${SEARCHED_COLUMNS.map((c) => `s.${c}`).join(', ')} from studies s join study_search_keys k on k.study_instance_uid = s.study_instance_uid`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index if exists studies_search_trgm`.execute(db);
    return;
  }
  for (const name of ['studies_search_insert', 'studies_search_update', 'studies_search_delete']) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  await sql`drop table if exists study_search`.execute(db);
  await sql`drop table if exists study_search_keys`.execute(db);
}
