"""The statistics' fact tables (``lantern.analysis.statistics.schema``) from the national
synthetic files in Parquet (``bench/national.py``), derived with DuckDB, written as Parquet.

How the generator's rows become facts (the app does the same from its database in
``lantern/reporting/facts.py``; the codes come from ``statistics.vocab.classify`` itself, applied
to each distinct (type, subtype, on a line) and to the NRM entries' words):

* ``facts_events``: every event in the files, children's and adults' (the national volume); the
  child-specific codes (``concern_type``, ``method``, ``arrested``) are set only on events of a
  person under 18 that day, so the figures count children. ``area`` is the area of the person's
  latest home in the county ("<county> North"); ``team`` the team of their lead professional.
* ``facts_missing``: missing episodes of children, each paired with the next return home
  interview entry within 14 days (its subtype is the outcome), else "not_offered".
* ``facts_nrm``: NRM referral entries of children, with the type named in their words.
* ``facts_lines``: County Lines with their status periods (active, disrupted, closed).
* ``facts_children``: children known to services. Assessments, panel items and disruption are
  not in the generator's files: those tables are empty here.

``tile``: the fact tables of the counties generated can be repeated with their ids shifted and
their county renamed ("Ashdown 2"), to reach national volume from fewer generated counties when
time is short; ``docs/performance.md`` says when that was done.
"""

from __future__ import annotations

from pathlib import Path

FACTS = ("facts_children", "facts_events", "facts_missing", "facts_nrm", "facts_lines")
#: Rows sorted so a query for one kind of event reads only the row groups holding it (Parquet
#: keeps each row group's minimum and maximum, and DuckDB skips the rest).
SORT_KEYS = {"facts_events": " ORDER BY event_type, concern_type, event_date"}
ID_SHIFT = 1_000_000_000  # per tile; generator ids stay below 10,000,000 x counties


def _classify_table(con) -> None:
    from lantern.analysis.statistics.vocab import classify

    combos = con.execute(
        "SELECT DISTINCT event_type, subtype, network_id <> '' FROM raw_events").fetchall()
    rows = []
    for etype, subtype, on_line in combos:
        c = classify(etype, subtype or "", "", on_line=bool(on_line))
        rows.append((etype, subtype, bool(on_line), c["concern_type"], c["method"], int(c["arrested"])))
    con.execute("CREATE OR REPLACE TABLE codes (event_type VARCHAR, subtype VARCHAR, on_line BOOLEAN, "
                "concern_type VARCHAR, method VARCHAR, arrested INTEGER)")
    con.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?, ?)", rows)


NRM_TYPE = """CASE
  WHEN lower(e.summary) LIKE '%county lines%' THEN '{cl}'
  WHEN lower(e.summary) LIKE '%sexual exploitation%' THEN '{sx}'
  WHEN lower(e.summary) LIKE '%trafficking%' OR lower(e.summary) LIKE '%labour exploitation%' THEN 'trafficking'
  WHEN lower(e.summary) LIKE '%criminal exploitation%' THEN '{cr}'
  ELSE '' END"""  # statistics.vocab.nrm_type_from_words, in SQL


FACTS_EVENTS_SQL = """
      CREATE TABLE facts_events AS
      SELECT event_id, person_id, event_date, year(event_date)::INTEGER AS event_year, event_type, subtype,
             CASE WHEN {child} THEN x.concern ELSE '' END AS concern_type,
             CASE WHEN {child} THEN x.method ELSE '' END AS method,
             area, team, age_at_event,
             CASE WHEN {child} THEN x.arrested ELSE 0 END::INTEGER AS arrested,
             0::INTEGER AS charged, 0::INTEGER AS convicted
      FROM (
        SELECT e.*, date_diff('year', e.dob, e.event_date)
                    - CASE WHEN (month(e.event_date), day(e.event_date)) < (month(e.dob), day(e.dob)) THEN 1 ELSE 0 END
                    AS age_at_event,
               CASE WHEN e.event_type = 'nrm' THEN {nrm} ELSE coalesce(c.concern_type, '') END AS concern,
               coalesce(c.method, '') AS method, coalesce(c.arrested, 0) AS arrested
        FROM ev e LEFT JOIN codes c ON c.event_type = e.event_type AND c.subtype = e.subtype AND c.on_line = e.on_line
      ) x"""

FACTS_NRM_SQL = """
      CREATE TABLE facts_nrm AS
      SELECT e.event_id AS referral_id, e.person_id, e.event_date AS referred_on,
             year(e.event_date)::INTEGER AS referral_year, e.area, e.team, {nrm} AS exploitation_type
      FROM ev e WHERE e.event_type = 'nrm' AND e.subtype = 'referral' AND e.event_date IS NOT NULL
        AND date_diff('year', e.dob, e.event_date) < 19"""


def build(raw: Path, out: Path, *, tiles: int = 1, threads: int = 2) -> dict[str, int]:
    import duckdb

    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    con.execute("SET enable_progress_bar = false")
    for t in ("counties", "areas", "districts", "teams", "people", "addresses", "involvements",
              "events", "networks"):
        con.execute(f"CREATE VIEW raw_{t} AS SELECT * FROM read_parquet('{raw / t}/*.parquet')")  # noqa: S608  # nosec B608
    _classify_table(con)
    con.execute("""
      CREATE TABLE area_of_district AS
      SELECT d.district_id::BIGINT AS district_id, a.county_id::BIGINT AS county_id,
             c.name || ' ' || a.name AS area
      FROM raw_districts d JOIN raw_areas a USING (area_id) JOIN raw_counties c USING (county_id)""")
    con.execute("""
      CREATE TABLE person_area AS
      SELECT person_id, arg_max(area, start_date) AS area FROM (
        SELECT a.person_id::BIGINT AS person_id, d.area, a.start_date
        FROM raw_addresses a JOIN area_of_district d ON d.district_id = TRY_CAST(a.district_id AS BIGINT))
      GROUP BY person_id""")
    con.execute("""
      CREATE TABLE person_team AS
      SELECT person_id, arg_max(team, start_date) AS team FROM (
        SELECT i.person_id::BIGINT AS person_id, t.name AS team, i.start_date
        FROM raw_involvements i JOIN raw_teams t ON t.team_id = i.team_id
        WHERE i.is_lead = '1')
      GROUP BY person_id""")
    con.execute("""
      CREATE TABLE people AS
      SELECT p.person_id::BIGINT AS person_id, TRY_CAST(p.date_of_birth AS DATE) AS dob, p.sex, p.kind,
             p.held_by_partnership = '1' AS held, coalesce(pa.area, '') AS area, coalesce(pt.team, '') AS team
      FROM raw_people p LEFT JOIN person_area pa ON pa.person_id = p.person_id::BIGINT
      LEFT JOIN person_team pt ON pt.person_id = p.person_id::BIGINT""")
    con.execute("""
      CREATE TABLE ev AS
      SELECT e.event_id::BIGINT AS event_id, e.person_id::BIGINT AS person_id,
             TRY_CAST(e.event_date AS DATE) AS event_date, e.event_type, e.subtype, e.summary,
             e.network_id <> '' AS on_line, p.area, p.team, p.dob
      FROM raw_events e JOIN people p ON p.person_id = e.person_id::BIGINT""")
    child = "(x.age_at_event IS NOT NULL AND x.age_at_event < 18)"
    nrm_concern = NRM_TYPE.format(cl="county_lines", sx="cse", cr="cce")
    con.execute(FACTS_EVENTS_SQL.replace("{child}", child).replace("{nrm}", nrm_concern))
    con.execute("""
      CREATE TABLE facts_children AS
      SELECT person_id, dob AS date_of_birth, sex, area, team FROM people WHERE held AND kind = 'child'""")
    con.execute("""
      CREATE TABLE facts_missing AS
      SELECT m.event_id AS episode_id, m.person_id, m.event_date AS started_on,
             year(m.event_date)::INTEGER AS start_year, m.area, m.team, m.subtype AS risk_grade,
             coalesce((SELECT r.subtype FROM facts_events r
                       WHERE r.person_id = m.person_id AND r.event_type = 'return_interview'
                         AND r.event_date BETWEEN m.event_date AND m.event_date + INTERVAL 14 DAY
                         AND r.subtype IN ('within_72h', 'late', 'declined')
                       ORDER BY r.event_date LIMIT 1), 'not_offered') AS rhi
      FROM facts_events m WHERE m.event_type = 'missing' AND m.event_date IS NOT NULL
        AND m.age_at_event < 18""")
    con.execute(FACTS_NRM_SQL.replace("{nrm}", NRM_TYPE.format(cl="county_lines", sx="sexual", cr="criminal")))
    con.execute("""
      CREATE TABLE facts_lines AS
      WITH n AS (
        SELECT n.network_id::BIGINT AS line_id, d.area,
               TRY_CAST(n.start_date AS DATE) AS s, TRY_CAST(n.disrupted_date AS DATE) AS dis,
               TRY_CAST(n.closed_date AS DATE) AS cl
        FROM raw_networks n
        JOIN (SELECT DISTINCT county_id, area, split_part(area, ' ', -1) AS short FROM area_of_district) d
          ON d.county_id = n.county_id::BIGINT
         AND d.short = (SELECT name FROM raw_areas a WHERE a.area_id = n.area_id)
        WHERE n.kind = 'county_line')
      SELECT line_id, area, 'active' AS status, s AS valid_from, coalesce(dis, cl) AS valid_to FROM n
      UNION ALL SELECT line_id, area, 'disrupted', dis, cl FROM n WHERE dis IS NOT NULL
      UNION ALL SELECT line_id, area, 'closed', cl, NULL::DATE FROM n WHERE cl IS NOT NULL""")
    counts = {}
    from lantern.analysis.statistics.schema import columns

    for table in FACTS:
        cols = columns(table)
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        for t in range(tiles):
            select = ", ".join(_shifted(c, t) for c in cols)
            target = str(folder / f"tile-{t:02d}.parquet").replace("'", "''")
            order = SORT_KEYS.get(table, "")
            con.execute(f"COPY (SELECT {select} FROM {table}{order}) TO '{target}' "  # noqa: S608  # nosec B608
                        "(FORMAT parquet, COMPRESSION zstd)")
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] * tiles  # noqa: S608  # nosec B608
    return counts


def _shifted(column: str, tile: int) -> str:
    if tile == 0:
        return column
    if column.endswith("_id") or column == "line_id":
        return f"{column} + {tile * ID_SHIFT} AS {column}"
    if column == "area":
        # "Ashdown North" -> "Ashdown 2 North": another county's area
        return f"CASE WHEN area = '' THEN '' ELSE regexp_replace(area, ' ([^ ]+)$', ' {tile + 1} \\1') END AS area"
    if column == "team":
        return f"CASE WHEN team = '' THEN '' ELSE team || ' ({tile + 1})' END AS team"
    return column


__all__ = ["FACTS", "build"]
