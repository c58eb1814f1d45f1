"""The tables the generator emits, in column order. Rows are plain tuples in this order.

Dates are ISO strings (blank when unknown); booleans are 0/1; ids are integers unique across a
national run (each county has its own id block, see ``engine.ID_BLOCK``).
"""

from __future__ import annotations

TABLES: dict[str, tuple[str, ...]] = {
    "counties": ("county_id", "name", "la_code"),
    "areas": ("area_id", "county_id", "name"),
    "districts": ("district_id", "area_id", "name", "postcode_prefix"),
    "agencies": ("agency_id", "county_id", "name", "kind", "district_id", "phone", "email",
                 "school_phase", "establishment_number"),
    "teams": ("team_id", "agency_id", "name", "area_id"),
    "professionals": ("professional_id", "team_id", "agency_id", "first_name", "last_name",
                      "job_title", "phone", "mobile", "email", "username"),
    "people": ("person_id", "county_id", "kind", "first_name", "middle_names", "last_name",
               "preferred_name", "date_of_birth", "dob_approximate", "sex", "ethnicity",
               "sen_status", "disability", "disability_note", "household_id",
               "held_by_partnership", "restricted"),
    "aliases": ("person_id", "name", "kind"),
    "identifiers": ("person_id", "type", "value"),
    "addresses": ("address_id", "person_id", "line1", "line2", "town", "postcode",
                  "district_id", "kind", "start_date", "end_date"),
    "enrolments": ("person_id", "school_id", "year_group", "start_date", "end_date"),
    "relationships": ("person_id", "other_id", "kind", "description", "start_date", "end_date"),
    "involvements": ("person_id", "agency_id", "team_id", "professional_id", "role", "is_lead",
                     "contact_name", "contact_phone", "contact_email", "start_date", "end_date"),
    "events": ("event_id", "person_id", "event_type", "subtype", "event_date", "date_precision",
               "source_agency_id", "summary", "significant", "network_id"),
    "records": ("record_id", "source", "source_agency_id", "local_id", "first_name",
                "last_name", "date_of_birth", "sex", "postcode", "nhs_number", "upn",
                "la_child_id", "recorded_date"),
    "networks": ("network_id", "county_id", "kind", "name", "area_id", "exporting_area",
                 "deal_number", "start_date", "disrupted_date", "closed_date"),
    "phones": ("number", "network_id", "holder_id", "kind", "start_date", "end_date"),
    "network_links": ("network_id", "source", "target", "kind", "strength", "start_date",
                      "end_date", "source_agency_id"),
}

#: Tables loaded into the database by ``lantern.synthetic.loader`` (the rest are files only).
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)
