"""Demo data for the apps, on top of the synthetic county (``settings.LANTERN_SEED_EXTENSIONS``).

``lantern.synthetic.loader.load`` calls each module's ``seed`` after loading the people, in
the order of the setting, inside the load's transaction:

================  ==============================================================================
``assessments``   risk assessment histories, professional judgement (approved, declined,
                  waiting), a hard rule's mandatory actions, a short screen, distance travelled
``casework``      referrals from every agency (decided and waiting), cases with plans, contacts,
                  reviews, tasks and alerts; closures; a closed case re-surfaced by an arrest
``missing``       episodes (a pattern child, one still missing), return home interviews in every
                  state, Philomena profiles (one out of date)
``schools``       Oakfield's education events and its Operation Encompass notices read
================  ==============================================================================

The same children play the same parts in every module (``_cast``), chosen from the generated
world; dates count back from the seed's today (the run's as-at date, ``_base.today``), and the
apps' services run on a stopped clock (``_base.clock``). Assessments come first because cases
close on their end measures and later critical events bring their reviews forward.
"""
